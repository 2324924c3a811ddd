using StressMargin.Core.Calibration;
using StressMargin.Core.RiskModel;
using StressMargin.IO.History;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Calibration;

/// <summary>
/// The anti-procyclicality tools of EMIR RTS 153/2013 Art. 28(1) on calibrated vols, against vols recomputed here from
/// the raw closes: (c) the 10-year floor on real BTC history, (b) the stress-period weight, (a) the buffer and its release.
/// </summary>
public class ApcTests
{
    private static readonly SimulationSettings Simulation = new(1000, 1, 2, 1, ReturnDistribution.Normal, VolDynamics.StickyStrike, 0);

    private static CalibrationSettings Settings(ApcSettings apc, string path, int minObservations = 250) =>
        new(path, HistoryCalendar.Daily, VolEstimator.Default with { MinObservations = minObservations }, 4, apc, true, CorrelationRepairMode.None);

    private static IReadOnlyDictionary<string, RiskFactorSpec> Specs(params string[] underlyings) =>
        underlyings.ToDictionary(u => u, u => new RiskFactorSpec(u, null, 1.0, null, new CalibrateSpec(u)));

    [Fact]
    public void TenYearFloorBindsOnACalmRecentWindowOfRealBitcoinHistory()
    {
        // BTC's EWMA vol at the close of 2024-10-27 is about 36 %; its vol over the ten years before is about 70 %.
        using var dir = new TempDir();
        string path = dir.Write("btc.csv", HistoryFiles.FromYahoo("BTC-USD_1d_yahoo.csv", "BTC"));
        var history = HistoryCsv.Read(path, HistoryCalendar.Daily);
        var cutoff = new DateOnly(2024, 10, 27);
        var result = Calibrator.Calibrate(history, Settings(new ApcSettings(FloorLookbackYears: 10), path), ["BTC"], Specs("BTC"), cutoff, Simulation);

        // Independent recomputation from the fixture's closes.
        var closes = HistoryFiles.YahooCloses("BTC-USD_1d_yahoo.csv").Where(r => r.Date <= cutoff)
            .Select(r => (r.Date, Close: double.Parse(r.Close, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var returns = closes.Skip(1).Select((r, i) => (r.Date, R: Math.Log(r.Close / closes[i].Close))).ToArray();
        double weighted = 0, norm = 0;
        foreach (var (_, r) in returns) { weighted = 0.94 * weighted + r * r; norm = 0.94 * norm + 1; }
        double ewmaVol = Math.Sqrt(365 * weighted / norm);
        var lookback = returns.Where(r => r.Date > new DateOnly(2014, 10, 27)).Select(r => r.R).ToArray();
        double floorVol = Math.Sqrt(365 * lookback.Sum(r => r * r) / lookback.Length);

        var btc = Assert.Single(result.Factors);
        Assert.Equal(3653, lookback.Length);          // a full ten years of daily returns (2014-10-28 … 2024-10-27)
        Assert.Equal(lookback.Length, btc.FloorObservations);
        Assert.Equal(ewmaVol, btc.ModelVol, 1e-12);
        Assert.Equal(floorVol, btc.FloorVol!.Value, 1e-12);
        Assert.InRange(btc.ModelVol, 0.30, 0.40);
        Assert.InRange(btc.FloorVol.Value, 0.65, 0.75);
        Assert.Equal(ApcBinding.LookbackFloor, btc.Binding);
        Assert.Equal(btc.FloorVol.Value, btc.UsedVol);
        Assert.Equal(btc.UsedVol, result.RiskFactors["BTC"].SpotVolAnnualized);
        Assert.Equal(new DateOnly(2024, 10, 27), result.DataEnd);

        // Without the floor the EWMA vol is used as is.
        var plain = Calibrator.Calibrate(history, Settings(ApcSettings.None, path), ["BTC"], Specs("BTC"), cutoff, Simulation);
        Assert.Equal(ApcBinding.None, plain.Factors[0].Binding);
        Assert.Equal(ewmaVol, plain.Factors[0].UsedVol, 1e-12);
        Assert.Null(plain.Factors[0].FloorVol);
    }

    [Fact]
    public void StressWeightBlendsTheVarianceOfTheNamedPeriod()
    {
        // Calm returns of ±1 % except a stress fortnight of ±5 % (days 100 … 113).
        using var dir = new TempDir();
        var start = new DateOnly(2020, 1, 1);
        double R(int c, int t) => t == 0 ? 0 : (t % 2 == 0 ? 1 : -1) * (t is >= 100 and <= 113 ? 0.05 : 0.01);
        string path = dir.Write("h.csv", HistoryFiles.Synthetic(start, 300, ["X"], R));
        var history = HistoryCsv.Read(path, HistoryCalendar.Daily);
        var stress = new StressWeighting(start.AddDays(100), start.AddDays(113), 0.3);
        var result = Calibrator.Calibrate(history, Settings(new ApcSettings(StressWeight: stress), path, 50), ["X"], Specs("X"), start.AddDays(299), Simulation);
        var x = result.Factors[0];

        double model = 0.01 * 0.01;  // nearly all EWMA weight is on the ±1 % returns after day 113 (0.94^186 ≈ 1e-5 on the stress)
        double weighted = 0, norm = 0;
        for (int t = 1; t < 300; t++) { weighted = 0.94 * weighted + R(0, t) * R(0, t); norm = 0.94 * norm + 1; }
        Assert.Equal(Math.Sqrt(365 * weighted / norm), x.ModelVol, 1e-12);
        Assert.Equal(Math.Sqrt(365 * model), x.ModelVol, 1e-4);
        Assert.Equal(Math.Sqrt(365 * 0.05 * 0.05), x.StressVol!.Value, 1e-12);
        Assert.Equal(14, x.StressObservations);
        Assert.Equal(Math.Sqrt(365 * (0.7 * weighted / norm + 0.3 * 0.0025)), x.UsedVol, 1e-12);
        Assert.Equal(ApcBinding.StressWeight, x.Binding);
    }

    [Fact]
    public void BufferMultipliesTheEsTermUntilVolsRiseAboveTheTriggerOverTheirLongRunLevel()
    {
        // ±1 % for 250 days, then ±4 % for the last 10: the EWMA vol jumps to about 3.3 times the long-run vol.
        using var dir = new TempDir();
        var start = new DateOnly(2020, 1, 1);
        double R(int c, int t) => t == 0 ? 0 : (t % 2 == 0 ? 1 : -1) * (t > 250 ? 0.04 : 0.01);
        string path = dir.Write("h.csv", HistoryFiles.Synthetic(start, 261, ["X"], R));
        var history = HistoryCsv.Read(path, HistoryCalendar.Daily);
        CalibrationResult At(int day, double? trigger) =>
            Calibrator.Calibrate(history, Settings(new ApcSettings(BufferRate: 0.4, BufferReleaseVolRatio: trigger), path, 50), ["X"], Specs("X"), start.AddDays(day), Simulation);

        var calm = At(250, 1.5);
        Assert.Equal(1.4, calm.EsBufferMultiplier);
        Assert.False(calm.BufferReleased);
        Assert.Equal(1.0, calm.LongRunVolRatio!.Value, 1e-9);     // calm: model vol = long-run vol = 1 %·√365

        var stressed = At(260, 1.5);
        double longRun = Math.Sqrt((250 * 1e-4 + 10 * 16e-4) / 260);
        Assert.Equal(stressed.Factors[0].ModelVol / Math.Sqrt(365 * longRun * longRun), stressed.LongRunVolRatio!.Value, 1e-12);
        Assert.True(stressed.LongRunVolRatio > 1.5);
        Assert.Equal(1.0, stressed.EsBufferMultiplier);
        Assert.True(stressed.BufferReleased);

        Assert.Equal(1.4, At(260, null).EsBufferMultiplier);       // no trigger: never released
        Assert.Null(At(260, null).LongRunVolRatio);
    }
}
