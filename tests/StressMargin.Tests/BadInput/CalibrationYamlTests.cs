using StressMargin.Tests.Support;
using static StressMargin.Tests.BadInput.CalibratedFixture;
using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Mistakes in the calibration block, the calibrate: keys and distribution: fhs (exit 3 at scenario.yaml:LINE:COLUMN).</summary>
public class CalibrationYamlTests
{
    [Fact]
    public void KeyTypoInCalibration()
    {
        using var f = Create();
        f.Replace(Scenario, "  min_observations: 20", "  min_observation: 20");
        Fails(f, Scenario, 15, 3, "unknown key 'min_observation' in 'calibration' (did you mean 'min_observations'?)");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("fast")]
    public void LambdaOutOfRange(string lambda)
    {
        using var f = Create();
        f.Replace(Scenario, "  min_observations: 20\n", $"  min_observations: 20\n  lambda: {lambda}\n");
        Fails(f, Scenario, 16, 11, $"calibration.lambda: expected a decay factor λ with 0 < λ ≤ 1 (RiskMetrics daily: 0.94), got '{lambda}'");
    }

    [Theory]
    [InlineData("  method: window\n  lambda: 0.9\n", 17, 11, "calibration.lambda applies only to method: ewma")]
    [InlineData("  window_days: 30\n", 16, 16, "calibration.window_days applies only to method: window")]
    [InlineData("  method: garch\n", 16, 11, "calibration.method: expected ewma or window, got 'garch'")]
    [InlineData("  calendar: weekly\n", 16, 13, "calibration.calendar: expected daily (every calendar day has a row) or business (weekdays), got 'weekly'")]
    [InlineData("  max_stale_days: -1\n", 16, 19, "calibration.max_stale_days: expected a whole number of days ≥ 0, got '-1'")]
    [InlineData("  apc: { buffer: 0.2 }\n", 16, 18, "calibration.apc.buffer: expected a buffer rate of at least 0.25 (EMIR RTS 153/2013 Art. 28(1)(a)), e.g. 0.25, got '0.2'")]
    [InlineData("  apc: { buffer_release_vol_ratio: 2 }\n", 16, 36, "calibration.apc.buffer_release_vol_ratio needs a buffer (calibration.apc.buffer)")]
    [InlineData("  apc: { buffer: 0.3, buffer_release_vol_ratio: 0.9 }\n", 16, 49, "calibration.apc.buffer_release_vol_ratio: expected a ratio above 1")]
    [InlineData("  apc: { stress_weight: { period: [2026-01-05, 2026-01-20], weight: 0.1 } }\n", 16, 69, "calibration.apc.stress_weight.weight: expected a weight between 0.25 (EMIR RTS 153/2013 Art. 28(1)(b)) and 1, got '0.1'")]
    [InlineData("  apc: { stress_weight: { period: [2026-01-20, 2026-01-05], weight: 0.3 } }\n", 16, 48, "calibration.apc.stress_weight.period: the end 2026-01-05 is before the start 2026-01-20")]
    [InlineData("  apc: { stress_weight: { period: [2026-01-20], weight: 0.3 } }\n", 16, 35, "calibration.apc.stress_weight.period: expected two dates [start, end], got 1 values")]
    [InlineData("  apc: { stress_weight: { period: [2026-01-20, Jan 30], weight: 0.3 } }\n", 16, 48, "calibration.apc.stress_weight.period: expected a date such as 2020-03-12 (yyyy-MM-dd), got 'Jan 30'")]
    [InlineData("  apc: { floor_lookback_years: 0 }\n", 16, 32, "calibration.apc.floor_lookback_years: expected a whole number of years between 1 and 100")]
    [InlineData("  correlation: { repair: higham }\n", 16, 26, "calibration.correlation.repair: expected none (a matrix that is not positive semi-definite is an error) or nearest (Higham 2002), got 'higham'")]
    [InlineData("  correlation: { estimate: maybe }\n", 16, 28, "calibration.correlation.estimate: expected true or false, got 'maybe'")]
    public void BadCalibrationValue(string added, int line, int column, string message)
    {
        using var f = Create();
        f.Replace(Scenario, "  min_observations: 20\n", "  min_observations: 20\n" + added);
        Fails(f, Scenario, line, column, message);
    }

    [Fact]
    public void StressPeriodOutsideTheHistory()
    {
        using var f = Create();
        f.Replace(Scenario, "  min_observations: 20\n", "  min_observations: 20\n  apc: { stress_weight: { period: [2025-12-01, 2026-01-20], weight: 0.3 } }\n");
        Fails(f, Scenario, 16, 35, "apc.stress_weight.period [2025-12-01, 2026-01-20] must lie within the returns of column 'BTC' (BTC.spot) available up to 2026-02-04: from 2026-01-02");
    }

    [Fact]
    public void CalibrateWithoutACalibrationBlock()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  BTC: { spot_vol: atm, vol_of_vol: 1.0 }", "  BTC: { calibrate: true, vol_of_vol: 1.0 }");
        InputErrorAssert.Fails(f, Scenario, 14, 21, "risk_factors.BTC.calibrate needs a top-level calibration block naming the price history");
    }

    [Theory]
    [InlineData("{ calibrate: true, spot_vol: 0.5, vol_of_vol: 1.0 }", 17, 37, "risk_factors.BTC: spot_vol and calibrate are exclusive")]
    [InlineData("{ calibrate: yes, vol_of_vol: 1.0 }", 17, 21, "risk_factors.BTC.calibrate: expected true or a mapping such as { lambda: 0.94, vol_index: DVOL }, got 'yes'")]
    [InlineData("{ calibrate: { vol_index: BTCVOL }, vol_of_vol: 1.0 }", 17, 56, "risk_factors.BTC.vol_of_vol: the vol of vol of 'BTC' is estimated from its vol index 'BTCVOL'; leave vol_of_vol out")]
    [InlineData("{ calibrate: { lamda: 0.9 } }", 17, 23, "unknown key 'lamda' in 'risk_factors.BTC.calibrate' (did you mean 'lambda'?)")]
    [InlineData("{ calibrate: { lambda: 2 } }", 17, 31, "risk_factors.BTC.calibrate.lambda: expected a decay factor λ with 0 < λ ≤ 1")]
    [InlineData("{ calibrate: { vol_index: BTCVOL } }", 1, 0, "no column 'BTCVOL' for underlying 'BTC' (risk_factors.BTC.calibrate.vol_index")]
    public void BadCalibrateEntry(string entry, int line, int column, string message)
    {
        using var f = Create();
        f.Replace(Scenario, "  BTC: { calibrate: true, vol_of_vol: 1.0 }", "  BTC: " + entry);
        Fails(f, line == 1 ? History : Scenario, line, column, message);
    }

    [Theory]
    [InlineData("  distribution: normal", "  distribution: { type: normal, days: consecutive }", 12, 39, "days applies only to type: fhs")]
    [InlineData("  distribution: normal", "  distribution: { type: fhs, days: weekly }", 12, 36, "simulation.distribution.days: expected consecutive (one start date, consecutive days) or independent (each day drawn on its own), got 'weekly'")]
    [InlineData("  distribution: normal", "  distribution: { type: fhs, degrees_of_freedom: 4 }", 12, 50, "degrees_of_freedom applies only to type: student_t")]
    [InlineData("  seed: 7\n", "  seed: 7\n  steps: 2\n", 11, 10, "simulation.steps: filtered historical simulation draws whole days of history; steps must be 1")]
    public void BadFhsSettings(string oldText, string newText, int line, int column, string message)
    {
        using var f = Create();
        if (!newText.Contains("distribution")) f.Replace(Scenario, "  distribution: normal", "  distribution: fhs");
        f.Replace(Scenario, oldText, newText);
        Fails(f, Scenario, line, column, message);
    }

    [Fact]
    public void FhsWithoutACalibrationBlock()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  distribution: normal", "  distribution: fhs");
        InputErrorAssert.Fails(f, Scenario, 12, 17, "fhs (filtered historical simulation) needs a calibration block with a price history");
    }

    [Fact]
    public void FhsSampleTooShort()
    {
        using var f = Create();
        f.Replace(Scenario, "  distribution: normal", "  distribution: fhs");
        // 34 returns; each sample date needs 20 earlier ones: 14 dates, fewer than min_observations (20).
        Fails(f, History, 1, 2, "distribution fhs: only 14 history dates up to 2026-02-04 have a filtered return for every calibrated factor", "at least 20 are needed");
    }

    [Fact]
    public void EstimatedCorrelationThatIsNotPositiveSemiDefiniteWithoutRepair()
    {
        using var dir = new TempDir();
        string scenario = CalibratedScenarios.Linear(dir, StressMargin.Tests.Calibration.CalibratedRunTests.BrokenPairwiseHistory(), "2024-02-10T00:00:00Z",
            "account_id,instrument_id,quantity\nA,X-PERP,1\nA,Y-PERP,1\nA,Z-PERP,1\n",
            "method: window\nwindow_days: 10\nmin_observations: 3\ncorrelation: { estimate: true }",
            "X: { calibrate: true }\nY: { calibrate: true }\nZ: { calibrate: true }", paths: 2000);
        // calibration.correlation is on scenario line 9 ('  correlation: { estimate: true }'); its mapping starts at column 16.
        InputErrorAssert.InputError(CliRunner.Run("run", scenario, "--out", dir.File("out")), scenario, 9, 16,
            "the correlation matrix estimated from the history (with the scenario's correlation block for the other factors) is not positive semi-definite: smallest eigenvalue -",
            "set calibration.correlation.repair: nearest");
        Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
    }

    [Fact]
    public void CalibrateCommandNeedsACalibrationBlock()
    {
        using var f = new ScenarioFixture();
        f.Validate();
        var result = CliRunner.Run("calibrate", f.PathOf(Scenario), "--out", f.OutDir);
        InputErrorAssert.InputError(result, f.PathOf(Scenario), 0, 0, "the scenario has no calibration block: nothing to calibrate");
        Assert.Empty(f.OutputEntries());
    }
}
