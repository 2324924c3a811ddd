using System.Globalization;
using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Core.Calibration;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Calibration;

/// <summary>
/// Scenarios whose risk_factors say <c>calibrate:</c>, end to end: the vols, correlations and vol of vol the model
/// uses are the estimates recomputed here from the history file, the ES of a linear book matches the normal closed
/// form at those vols, the buffer multiplies IM, and calibration.csv and the manifest report it all.
/// </summary>
public class CalibratedRunTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private const int Rows = 400;

    /// <summary>Daily returns of X and Y (corr ≈ 0.6, daily vols about 0.05 % so that e^x − 1 ≈ x), by row.</summary>
    private static readonly double[][] Returns = MakeReturns();

    private static double[][] MakeReturns()
    {
        var rng = new Random(11);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = new double[Rows];
        var y = new double[Rows];
        for (int t = 1; t < Rows; t++)
        {
            double a = Gauss(), b = Gauss();
            double scale = t > 300 ? 2.0 : 1.0;  // a volatile last 100 days, so that EWMA and equal weights differ
            x[t] = 0.0005 * scale * a;
            y[t] = 0.0004 * scale * (0.6 * a + 0.8 * b);
        }
        return [x, y];
    }

    /// <summary>Σ λ^(n−1−i)·a_i·b_i / Σ λ^(n−1−i) over returns 1 … n (explicit weights, not the recursion).</summary>
    private static double Ewma(double[] a, double[] b, double lambda)
    {
        double num = 0, den = 0;
        for (int i = 1; i < a.Length; i++)
        {
            double w = Math.Pow(lambda, a.Length - 1 - i);
            num += w * a[i] * b[i];
            den += w;
        }
        return num / den;
    }

    private static string Scenario(TempDir dir, int paths, string apc = "apc: { buffer: 0.25 }") => CalibratedScenarios.Linear(dir,
        HistoryFiles.Synthetic(Start, Rows, ["X", "Y"], (c, t) => Returns[c][t]),
        asOf: "2025-02-04T00:00:00Z",                                     // the day after the last row (2025-02-03)
        positions: "account_id,instrument_id,quantity\nA,X-PERP,3\nA,Y-PERP,-2\nA,USD,100\nB,X-PERP,1\n",
        calibration: $"lambda: 0.97\nmin_observations: 100\n{apc}",
        riskFactors: "X: { calibrate: true, vol_of_vol: 0.5 }\nY: { calibrate: { lambda: 0.9 }, vol_of_vol: 0.5 }",
        paths: paths, horizonDays: 1);

    [Fact]
    public void CalibratedScenarioRunsEndToEndOnTheEstimatedModel()
    {
        using var dir = new TempDir();
        string scenario = Scenario(dir, 200_000);
        string outDir = dir.File("out");
        var result = CliRunner.Run("run", scenario, "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.Equal(["attribution.csv", "calibration.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());

        // Independent estimates: σ = √(365·EWMA), each underlying with its λ; the correlation with calibration.lambda.
        double volX = Math.Sqrt(365 * Ewma(Returns[0], Returns[0], 0.97));
        double volY = Math.Sqrt(365 * Ewma(Returns[1], Returns[1], 0.9));
        double rho = Ewma(Returns[0], Returns[1], 0.97) / Math.Sqrt(Ewma(Returns[0], Returns[0], 0.97) * Ewma(Returns[1], Returns[1], 0.97));

        var rows = File.ReadAllLines(Path.Combine(outDir, "calibration.csv")).Select(l => l.Split(',')).ToArray();
        var header = rows[0].ToList();
        string Cell(string factor, string column) => rows.Single(r => r[0] == factor)[header.IndexOf(column)];
        double Number(string factor, string column) => double.Parse(Cell(factor, column), CultureInfo.InvariantCulture);
        Assert.Equal(["factor", "source", "column", "estimator", "observations", "first_date", "model_vol", "stress_vol", "stress_observations", "floor_vol",
            "floor_observations", "used_vol", "binding", "rho_X.spot", "rho_X.vol", "rho_Y.spot", "rho_Y.vol"], header);
        Assert.Equal(volX, Number("X.spot", "used_vol"), 1e-13);
        Assert.Equal(volY, Number("Y.spot", "used_vol"), 1e-13);
        Assert.Equal(rho, Number("X.spot", "rho_Y.spot"), 1e-12);
        Assert.Equal("ewma(0.9)", Cell("Y.spot", "estimator"));
        Assert.Equal("399", Cell("X.spot", "observations"));
        Assert.Equal("2024-01-02", Cell("X.spot", "first_date"));
        Assert.Equal("none", Cell("X.spot", "binding"));
        Assert.Equal("scenario", Cell("X.vol", "source"));
        Assert.Equal(0.5, Number("X.vol", "used_vol"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var cal = manifest.RootElement.GetProperty("calibration");
        Assert.Equal(1.25, cal.GetProperty("es_buffer_multiplier").GetDouble());
        Assert.Equal("2025-02-03", cal.GetProperty("data_end").GetString());
        Assert.Equal(volX, manifest.RootElement.GetProperty("risk_factors")[0].GetProperty("spot_vol").GetDouble(), 1e-13);
        var history = manifest.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "history");
        Assert.Equal(64, history.GetProperty("sha256").GetString()!.Length);

        // Account A, long 3 X and short 2 Y over one day: loss ≈ −(3x − 2y), normal with
        // s = √(9s_x² + 4s_y² − 12ρ·s_x·s_y), s = σ·√(1/365); ES_99% = 2.66521422035·s. IM = 1.25 × ES (the buffer).
        var margin = File.ReadAllLines(Path.Combine(outDir, "margin.csv")).Select(l => l.Split(',')).ToArray();
        var a = margin.Single(r => r[0] == "A");
        double es = double.Parse(a[3], CultureInfo.InvariantCulture), se = double.Parse(a[4], CultureInfo.InvariantCulture), im = double.Parse(a[5], CultureInfo.InvariantCulture);
        double sx = volX / Math.Sqrt(365), sy = volY / Math.Sqrt(365);
        double closedForm = 2.66521422035 * Math.Sqrt(9 * sx * sx + 4 * sy * sy - 12 * rho * sx * sy);
        Assert.True(Math.Abs(es - closedForm) <= 4 * se + 3e-3 * closedForm, $"ES {es} vs closed form {closedForm} (s.e. {se})");
        Assert.Equal(1.25 * es, im, 1e-9 * im);
    }

    [Fact]
    public void CalibrateCommandPrintsAndWritesTheCalibrationAlone()
    {
        using var dir = new TempDir();
        string scenario = Scenario(dir, 2_000);
        var calibrate = CliRunner.Run("calibrate", scenario, "--out", dir.File("cal"));
        Assert.True(calibrate.ExitCode == ExitCodes.Success, calibrate.Stderr);
        Assert.Equal(["calibration-report.html", "calibration.csv", "calibration.json"], Directory.GetFiles(dir.File("cal")).Select(Path.GetFileName).Order());
        Assert.Contains("X.spot", calibrate.Stdout);
        Assert.Contains("buffer", calibrate.Stdout);
        Assert.Contains("1.25", calibrate.Stdout);

        var run = CliRunner.Run("run", scenario, "--out", dir.File("run"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        Assert.Equal(File.ReadAllText(dir.File("run/calibration.csv")), File.ReadAllText(dir.File("cal/calibration.csv")));
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("cal/calibration.json")));
        Assert.Equal(1.25, json.RootElement.GetProperty("calibration").GetProperty("es_buffer_multiplier").GetDouble());
    }

    [Fact]
    public void VolIndexGivesTheVolOfVolAndTheSpotVolCorrelation()
    {
        // S&P 500 and VIX closes 2018–2020 (business days), as of 2020-03-31: the vol factor y is the log change of VIX.
        using var dir = new TempDir();
        var lines = File.ReadAllLines(RepoPaths.Combine("tests", "StressMargin.Tests", "Data", "spx_vix_daily_2018_2020.csv"));
        dir.Write("history.csv", string.Join("\n", lines) + "\n");
        dir.Write("instruments.csv", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\nUSD,cash,USD,,,,1\nSPX,spot,SPX,,,,1\n");
        dir.Write("spots.csv", "underlying,spot\nSPX,2584.590087890625\n");
        dir.Write("positions.csv", "account_id,instrument_id,quantity\nA,SPX,1\nA,USD,1000\n");
        string scenario = dir.Write("scenario.yaml", """
            as_of: 2020-04-01T00:00:00Z
            inputs: { instruments: instruments.csv, positions: positions.csv, spots: spots.csv }
            simulation: { paths: 2000, horizon_days: 2 }
            calibration: { history: history.csv, calendar: business }
            risk_factors:
              SPX: { calibrate: { vol_index: VIX } }
            """);
        var input = ScenarioLoader.Load(scenario);

        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(f => string.CompareOrdinal(f[0], "2020-03-31") <= 0)
            .Select(f => (Spx: double.Parse(f[1], CultureInfo.InvariantCulture), Vix: double.Parse(f[2], CultureInfo.InvariantCulture))).ToArray();
        var rs = new double[rows.Length];
        var rv = new double[rows.Length];
        for (int t = 1; t < rows.Length; t++) { rs[t] = Math.Log(rows[t].Spx / rows[t - 1].Spx); rv[t] = Math.Log(rows[t].Vix / rows[t - 1].Vix); }
        Assert.Equal(Math.Sqrt(252 * Ewma(rs, rs, 0.94)), input.Factors.SpotVolsAnnualized[0], 1e-12);
        Assert.Equal(Math.Sqrt(252 * Ewma(rv, rv, 0.94)), input.Factors.VolOfVolsAnnualized[0], 1e-12);
        double rho = Ewma(rs, rv, 0.94) / Math.Sqrt(Ewma(rs, rs, 0.94) * Ewma(rv, rv, 0.94));
        Assert.Equal(rho, input.Factors.Correlation[0, 1], 1e-12);
        Assert.True(rho < -0.5, $"spot–vol correlation {rho}: the leverage effect should make it clearly negative");
        Assert.InRange(input.Factors.SpotVolsAnnualized[0], 0.6, 1.2);   // March 2020
        Assert.Equal(["SPX.spot", "SPX.vol"], input.Calibration!.Result.Factors.Select(f => f.Factor.ToString()));
        Assert.Equal("VIX", input.Calibration.Result.Factors[1].Column);
    }

    /// <summary>
    /// Three series over a 10-return window, Z listed only for the last 3 returns: X and Y move against each other over
    /// the window but each moves with Z in the last 3 returns, so the pairwise estimates are not jointly possible.
    /// </summary>
    public static string BrokenPairwiseHistory()
    {
        double R(int c, int t)
        {
            if (c == 2 && t < 36) return double.NaN;                 // Z starts on row 36
            if (t >= 37) return 0.01 * (t % 2 == 0 ? 1 : -1);         // rows 37–39: all three together
            double a = 0.03 * (t % 2 == 0 ? 1 : -1);                  // earlier rows: X and Y opposite
            return c == 0 ? a : c == 1 ? -a : 0;
        }
        return HistoryFiles.Synthetic(Start, 40, ["X", "Y", "Z"], R);
    }

    [Fact]
    public void PairwiseEstimateThatIsNotPositiveSemiDefiniteIsRepairedToTheNearestCorrelationMatrixWhenAllowed()
    {
        using var dir = new TempDir();
        string scenario = CalibratedScenarios.Linear(dir, BrokenPairwiseHistory(), "2024-02-10T00:00:00Z",
            "account_id,instrument_id,quantity\nA,X-PERP,1\nA,Y-PERP,1\nA,Z-PERP,1\n",
            "method: window\nwindow_days: 10\nmin_observations: 3\ncorrelation: { repair: nearest }",
            "X: { calibrate: true }\nY: { calibrate: true }\nZ: { calibrate: true }", paths: 2000);
        var input = ScenarioLoader.Load(scenario);
        var estimated = input.Calibration!.Result.Correlation!;
        Assert.True(estimated.Matrix[0, 1] < -0.8 && estimated.Matrix[0, 2] > 0.99 && estimated.Matrix[1, 2] > 0.99, "the fixture should give ρ_XY ≈ −0.9, ρ_XZ = ρ_YZ = 1");
        Assert.Equal(10, estimated.Observations[0, 1]);
        Assert.Equal(3, estimated.Observations[0, 2]);

        var repair = input.Calibration.Repair!;
        Assert.True(repair.SmallestEigenvalueBefore < -0.5 && repair.FrobeniusDistance > 0.1, $"repair {repair}");
        var (expected, _) = NearestCorrelation.Repair(estimated.Matrix);
        int[] spot = [0, 2, 4];  // X.spot, Y.spot, Z.spot in the 6-factor model
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(expected[i, j], input.Factors.Correlation[spot[i], spot[j]], 1e-12);
        Assert.True(input.Factors.SmallestEigenvalue >= -1e-12);

        var run = CliRunner.Run("run", scenario, "--out", dir.File("out"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("out/manifest.json")));
        var reported = manifest.RootElement.GetProperty("calibration").GetProperty("correlation").GetProperty("repair");
        Assert.Equal("nearest", reported.GetProperty("method").GetString());
        Assert.Equal(repair.FrobeniusDistance, reported.GetProperty("frobenius_distance").GetDouble());
    }
}
