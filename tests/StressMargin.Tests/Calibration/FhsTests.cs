using System.Numerics;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Calibration;

/// <summary>
/// Filtered historical simulation (Barone-Adesi, Giannopoulos &amp; Vosper 1999; docs/model.md, "Filtered historical simulation"). The histories
/// repeat a cycle of W = 20 return sizes with random signs, so that the equally weighted 20-day vol is the same on
/// every date: the filter divides by that constant and today's vol multiplies by it, and FHS must then reproduce the
/// history itself.
/// </summary>
public class FhsTests
{
    private static readonly DateOnly Start = new(2023, 1, 1);
    private const int Rows = 600;
    private const int Window = 20;
    private static readonly double[] Sizes = [0.4, 0.7, 1.0, 0.5, 2.5, 0.8, 1.2, 0.3, 0.9, 1.6, 0.6, 1.1, 4.0, 0.7, 0.5, 1.3, 0.9, 0.2, 1.8, 0.6];
    private static readonly double DailyVariance = Sizes.Sum(s => 1e-4 * s * s) / Window;

    /// <summary>r_t of column c (c = 0: X; c = 1: Y = a function of X's return, to test joint draws).</summary>
    private static readonly double[][] History = MakeHistory();

    private static double[][] MakeHistory()
    {
        var rng = new Random(5);
        var x = new double[Rows];
        var y = new double[Rows];
        for (int t = 1; t < Rows; t++)
        {
            x[t] = (rng.Next(2) == 0 ? -0.01 : 0.01) * Sizes[t % Window];
            // Y's size cycle is X's shifted by 7 and its sign is X's sign on even rows, the opposite on odd rows.
            y[t] = Math.Sign(x[t]) * (t % 2 == 0 ? 1 : -1) * 0.01 * Sizes[(t + 7) % Window];
        }
        return [x, y];
    }

    private static LoadedScenario Load(TempDir dir, string days, double horizonDays, string positions, string riskFactors, string extra = "", int paths = 1000) =>
        ScenarioLoader.Load(CalibratedScenarios.Linear(dir,
            HistoryFiles.Synthetic(Start, Rows, ["X", "Y"], (c, t) => History[c][t]),
            Start.AddDays(Rows).ToString("yyyy-MM-dd") + "T00:00:00Z",
            positions,
            $"method: window\nwindow_days: {Window}\nmin_observations: {Window}",
            riskFactors, paths: paths, distribution: $"{{ type: fhs, days: {days} }}", horizonDays: horizonDays, extra: extra));

    /// <summary>The factor values of one path, from the device math the CPU backend and the kernels share.</summary>
    private static double[] Factors(RevaluationPlan plan, long path)
    {
        var output = new double[plan.FactorCount];
        Assert.Equal(-1, FactorPathMath.Generate<SystemMath, HostArray<double>, HostArray<int>>(plan.HostFactorModel(), path,
            new HostArray<double>(new double[plan.FactorCount]), new HostArray<double>(output), 1, 0));
        return output;
    }

    [Fact]
    public void ReproducesTheHistorysEmpiricalQuantilesWhenTodaysVolEqualsTheHistoricalVol()
    {
        using var dir = new TempDir();
        var input = Load(dir, "consecutive", 1, "account_id,instrument_id,quantity\nA,X-PERP,1\n", "X: { calibrate: true }", paths: 100_000);
        var sample = input.Calibration!.Result.Fhs!;
        Assert.Equal(Rows - 1 - Window, sample.Dates.Count);              // rows 21 … 599: each with 20 earlier returns
        Assert.Equal(Math.Sqrt(365 * DailyVariance), input.Factors.SpotVolsAnnualized[0], 1e-12);

        // The history the sample covers, and what FHS should draw from: x = r_t − ½σ²h (the drift convention).
        var history = Enumerable.Range(Window + 1, Rows - 1 - Window).Select(t => History[0][t]).Order().ToArray();
        double drift = -0.5 * DailyVariance;
        int n = 100_000;
        var simulated = Enumerable.Range(0, n).Select(j => Factors(input.Plan, j)[0] - drift).Order().ToArray();

        // Every simulated return is a historical return (to rounding) …
        foreach (double x in simulated.Distinct())
            Assert.True(history.Any(r => Math.Abs(r - x) < 1e-15), $"simulated {x:R} is not in the history");
        // … and the simulated quantiles are the history's: F_history(q_sim(α)) lies within α ± (4·√(α(1−α)/n) + 1/N).
        foreach (double alpha in new[] { 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 })
        {
            double q = simulated[(int)Math.Ceiling(alpha * n) - 1];
            double below = history.Count(r => r < q - 1e-15) / (double)history.Length;
            double atOrBelow = history.Count(r => r <= q + 1e-15) / (double)history.Length;
            double tolerance = 4 * Math.Sqrt(alpha * (1 - alpha) / n) + 1.0 / history.Length;
            Assert.True(below - tolerance <= alpha && alpha <= atOrBelow + tolerance,
                $"α = {alpha}: simulated quantile {q:R} has history CDF [{below}, {atOrBelow}]");
        }

        // End to end: the 99 % VaR of a long unit is the history's 1 % return quantile, as a loss −(e^x − 1).
        var run = MarginJob.Run(input, new CpuBackend());
        double var99 = run.Accounts[0].ValueAtRisk;
        var losses = history.Select(r => -(Math.Exp(r + drift) - 1)).Order().ToArray();
        int lo = (int)Math.Floor((0.99 - 4 * Math.Sqrt(0.0099 / n)) * losses.Length) - 1, hi = (int)Math.Ceiling((0.99 + 4 * Math.Sqrt(0.0099 / n)) * losses.Length);
        Assert.InRange(var99, losses[Math.Max(lo, 0)] - 1e-15, losses[Math.Min(hi, losses.Length - 1)] + 1e-15);
    }

    [Theory]
    [InlineData("consecutive")]
    [InlineData("independent")]
    public void DrawsTheDatesTheDocumentedPhiloxCounterLayoutGives(string days)
    {
        // docs/model.md, "Random numbers": day d uses Philox block (seed, path, step 0, draw 0x40000000 + d); m = r1·2³² + r0;
        // index = ⌊m·count / 2⁶⁴⌋ (recomputed here with BigInteger); consecutive: one start among N − D + 1.
        using var dir = new TempDir();
        var input = Load(dir, days, 3, "account_id,instrument_id,quantity\nA,X-PERP,1\n", "X: { calibrate: true }");
        var sample = input.Calibration!.Result.Fhs!;
        Assert.Equal(3, sample.HorizonRows);
        int n = sample.Dates.Count;
        ulong seed = input.Plan.Seed;
        int Index(long path, int d, int count)
        {
            var (r0, r1, _, _) = ScenarioRandom.Block(seed, path, 0, 0x4000_0000u + (uint)d);
            var m = ((BigInteger)r1 << 32) + r0;
            return (int)(m * count >> 64);
        }
        double drift = -0.5 * DailyVariance * 3;  // −½σ²h with h = 3 days
        var seen = new HashSet<int>();
        for (long path = 0; path < 2000; path++)
        {
            int[] rows = days == "consecutive"
                ? Enumerable.Range(Index(path, 0, n - 2), 3).ToArray()
                : Enumerable.Range(0, 3).Select(d => Index(path, d, n)).ToArray();
            seen.UnionWith(rows);
            // Sample date k is history row Window + 1 + k; x = σ_d·Σ z + drift = Σ r + drift.
            double expected = rows.Sum(k => History[0][Window + 1 + k]) + drift;
            Assert.Equal(expected, Factors(input.Plan, path)[0], 1e-15);
        }
        Assert.True(seen.Count > 0.95 * n, $"only {seen.Count} of {n} dates drawn in 2000 paths");
    }

    [Fact]
    public void JointDrawsKeepTheCrossAssetDependenceOfTheHistory()
    {
        // Y's return is a deterministic function of X's on the same date; independent normals with any correlation
        // could not reproduce the pairs, FHS draws exactly the historical pairs.
        using var dir = new TempDir();
        var input = Load(dir, "independent", 1, "account_id,instrument_id,quantity\nA,X-PERP,1\nA,Y-PERP,1\n",
            "X: { calibrate: true }\nY: { calibrate: true }");
        var pairs = Enumerable.Range(Window + 1, Rows - 1 - Window).Select(t => (X: History[0][t], Y: History[1][t])).ToArray();
        double drift = -0.5 * DailyVariance;
        for (long path = 0; path < 3000; path++)
        {
            var f = Factors(input.Plan, path);
            double x = f[0] - drift, y = f[2] - drift;  // the Y cycle's mean square equals X's: same drift
            Assert.Contains(pairs, p => Math.Abs(p.X - x) < 1e-15 && Math.Abs(p.Y - y) < 1e-15);
        }
    }

    [Fact]
    public void FactorsWithoutHistoryAreNormalConditionalOnTheDrawnOnesUnderTheModelCorrelation()
    {
        // X.vol has no vol index: y = ν√h·ε with ε = ρ·ε_x + √(1 − ρ²)·z, ρ = −0.6 from the scenario's correlation block.
        using var dir = new TempDir();
        var input = Load(dir, "consecutive", 1, "account_id,instrument_id,quantity\nA,X-PERP,1\n", "X: { calibrate: true, vol_of_vol: 0.8 }",
            "correlation: { factors: [X.spot, X.vol], matrix: [[1, -0.6], [-0.6, 1]] }");
        double sx = Math.Sqrt(DailyVariance), sy = 0.8 * Math.Sqrt(1.0 / 365);
        int n = 40_000;
        double sxy = 0, syy = 0, sxx = 0;
        for (long path = 0; path < n; path++)
        {
            var f = Factors(input.Plan, path);
            double ex = (f[0] + 0.5 * sx * sx) / sx, ey = (f[1] + 0.5 * sy * sy) / sy;
            sxy += ex * ey; syy += ey * ey; sxx += ex * ex;
        }
        double corr = sxy / Math.Sqrt(sxx * syy);
        Assert.True(Math.Abs(corr + 0.6) < 4 * (1 - 0.36) / Math.Sqrt(n) + 0.01, $"corr(x, y) = {corr}, model −0.6");
        Assert.True(Math.Abs(syy / n - 1) < 0.03, $"Var(ε_y) = {syy / n}");
    }

    [Fact]
    public void RealCryptoFhsRunIsIdenticalForAnyThreadCount()
    {
        var input = ScenarioLoader.Load(RepoPaths.Combine("scenarios", "crypto-20250212.yaml"), new RunOverrides(Paths: 20_000));
        Assert.Equal(DistributionKind.FilteredHistorical, input.Plan.Distribution.Kind);
        var one = MarginJob.Run(input, new CpuBackend(maxThreads: 1));
        var two = MarginJob.Run(input, new CpuBackend(maxThreads: 2, blockPaths: 100));
        Assert.Equal(one.Accounts.Select(a => (a.ValueAtRisk, a.ExpectedShortfall, a.InitialMargin)), two.Accounts.Select(a => (a.ValueAtRisk, a.ExpectedShortfall, a.InitialMargin)));
        Assert.Equal(one.Attribution.Select(p => p.ComponentEs), two.Attribution.Select(p => p.ComponentEs));
        Assert.All(one.Accounts, a => Assert.Equal(Math.Max(1.25 * a.ExpectedShortfall, 0), a.InitialMargin, 1e-9 * Math.Max(a.InitialMargin, 1)));
    }
}
