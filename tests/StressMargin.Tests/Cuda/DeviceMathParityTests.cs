using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;
using StressMargin.Core.MarketData;
using StressMargin.Core.Numerics;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;
using StressMargin.Engine;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// The kernels' device math (kernels/*.cuh, compiled by the host compiler with -O2 -ffp-contract=off) against the C#
/// implementations on many random inputs. Both use the C library's exp and log here, so agreement is expected to be
/// exact; the assertions allow 1e-14 relative (the bar) and the worst difference found is written to the
/// test output.
/// </summary>
public class DeviceMathParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-14;

    private static double Relative(double actual, double expected) =>
        actual == expected ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);

    [HostCompilerFact]
    public void PhiloxWordsAndUniformsAreBitIdentical()
    {
        var rng = new Random(31);
        var counter = new uint[4];
        var words = new uint[4];
        for (int i = 0; i < 200_000; i++)
        {
            for (int w = 0; w < 4; w++) counter[w] = (uint)rng.NextInt64(0, 1L << 32);
            uint k0 = (uint)rng.NextInt64(0, 1L << 32), k1 = i % 7 == 0 ? 0u : (uint)rng.NextInt64(0, 1L << 32);
            HostNative.sm_test_philox(counter, k0, k1, words);
            var r = Philox4x32.Generate((counter[0], counter[1], counter[2], counter[3]), k0, k1);
            Assert.True(words[0] == r.R0 && words[1] == r.R1 && words[2] == r.R2 && words[3] == r.R3, $"block {i}: counter {string.Join(',', counter)}, key {k0},{k1}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(Philox4x32.ToUniformOpen(r.R0, r.R1)), BitConverter.DoubleToInt64Bits(HostNative.sm_test_uniform_open(r.R0, r.R1)));
        }
        foreach (var (lo, hi) in new[] { (0u, 0u), (uint.MaxValue, uint.MaxValue), (0xFFFu, 0u), (0x1000u, 0u), (0u, 0x80000000u) })
            Assert.Equal(Philox4x32.ToUniformOpen(lo, hi), HostNative.sm_test_uniform_open(lo, hi));
        output.WriteLine("Philox4x32-10: 200,000 random blocks bit-identical; uniforms bit-identical");
    }

    [HostCompilerFact]
    public void ScenarioNormalsAndChiSquaresMatch()
    {
        var rng = new Random(32);
        var z = new double[7];
        var reference = new double[7];
        double worst = 0;
        int chiTotal = 0;
        double[] dfs = [2.05, 3, 4, 5.5, 30, 1e6];
        for (int i = 0; i < 20_000; i++)
        {
            ulong seed = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 33);
            long path = rng.NextInt64(0, 1L << 40);
            int step = rng.Next(0, 10_000);
            HostNative.sm_test_standard_normals(seed, path, step, z, z.Length);
            ScenarioRandom.StandardNormals(seed, path, step, reference);
            for (int j = 0; j < z.Length; j++) worst = Math.Max(worst, Relative(z[j], reference[j]));
            double df = dfs[i % dfs.Length];
            Assert.Equal(1, HostNative.sm_test_chi_square(seed, path, step, df, out double w));
            worst = Math.Max(worst, Relative(w, ScenarioRandom.ChiSquare(seed, path, step, df)));
            chiTotal++;
        }
        output.WriteLine($"normals (140,000) and chi-squares ({chiTotal:N0}): worst relative difference {worst:E2}");
        Assert.True(worst <= Tolerance, $"worst relative difference {worst:E2}");
    }

    [HostCompilerFact]
    public void InverseNormalCdfMatchesAs241EverywhereIncludingTheTails()
    {
        var rng = new Random(33);
        var ps = Enumerable.Range(0, 200_000).Select(_ => Philox4x32.ToUniformOpen((uint)rng.NextInt64(0, 1L << 32), (uint)rng.NextInt64(0, 1L << 32))).ToList();
        ps.AddRange([0.5 / 4503599627370496.0, 1.0 - 0.5 / 4503599627370496.0, 0.075, 0.925, 0.075 + 1e-17, 0.5, 1e-300, 1e-20, 1 - 1e-10, 0.0000001]);
        ps.AddRange(Enumerable.Range(1, 300).Select(e => Math.Pow(2, -e / 5.0)));
        double worst = ps.Max(p => Relative(HostNative.sm_test_inverse_normal_cdf(p), Normal.InverseCdf(p)));
        output.WriteLine($"AS 241 on {ps.Count:N0} points: worst relative difference {worst:E2}");
        Assert.True(worst <= Tolerance, $"worst relative difference {worst:E2}");
    }

    [HostCompilerFact]
    public void ErfcAndNormalCdfMatchCodyInEveryRange()
    {
        var rng = new Random(34);
        var xs = Enumerable.Range(0, 200_000).Select(_ => (rng.NextDouble() - 0.4) * 60).ToList();
        xs.AddRange(Enumerable.Range(0, 50_000).Select(_ => (rng.NextDouble() - 0.5) * 1.2));
        xs.AddRange([0.0, -0.0, 0.46875, -0.46875, 0.46875000000000006, 4.0, -4.0, 4.000000000000001, 26.543, 26.54299999, -26.6, 1e-300, -1e-300, 5.9, -5.9]);
        double worstErfc = 0, worstCdf = 0;
        foreach (double x in xs)
        {
            worstErfc = Math.Max(worstErfc, Relative(HostNative.sm_test_erfc(x), Erfc.Evaluate(x)));
            worstCdf = Math.Max(worstCdf, Relative(HostNative.sm_test_normal_cdf(x), Normal.Cdf(x)));
        }
        output.WriteLine($"erfc and Φ on {xs.Count:N0} points: worst relative difference {worstErfc:E2} (erfc), {worstCdf:E2} (Φ)");
        Assert.True(worstErfc <= Tolerance && worstCdf <= Tolerance, $"erfc {worstErfc:E2}, Φ {worstCdf:E2}");
    }

    [HostCompilerFact]
    public void Black76MatchesTheScalarFormula()
    {
        var rng = new Random(35);
        double worst = 0, worstPerForward = 0;
        int compared = 0;
        for (int i = 0; i < 200_000; i++)
        {
            bool call = i % 2 == 0;
            double f = 70_000 * Math.Exp(rng.NextDouble() - 0.5);
            double k = f * Math.Exp(1.2 * (rng.NextDouble() - 0.5));
            double lnFK = Math.Log(f / k);
            double s = 0.005 + 1.5 * rng.NextDouble();
            double df = 1 - 0.05 * rng.NextDouble();
            double expected = Black76.PriceFromLogMoneyness(call, f, k, lnFK, s, df);
            double actual = HostNative.sm_test_black76(call ? 1 : 0, f, k, lnFK, s, df);
            worstPerForward = Math.Max(worstPerForward, Math.Abs(actual - expected) / f);
            if (Math.Abs(expected) >= 1e-9 * f) // relative comparison where the price is not a cancellation residue
            {
                worst = Math.Max(worst, Relative(actual, expected));
                compared++;
            }
        }
        output.WriteLine($"Black-76 on 200,000 random options: worst relative difference {worst:E2} ({compared:N0} prices ≥ 1e-9·F), worst difference per unit forward {worstPerForward:E2}");
        Assert.True(worst <= Tolerance, $"worst relative difference {worst:E2}");
        Assert.True(worstPerForward <= Tolerance, $"worst difference per unit forward {worstPerForward:E2}");
    }

    [HostCompilerFact]
    public void SmileInterpolationMatchesVolSmile()
    {
        var rng = new Random(36);
        double worst = 0;
        for (int i = 0; i < 20_000; i++)
        {
            int n = 1 + rng.Next(25);
            var k = new double[n];
            var w = new double[n];
            double x0 = -1.5 * rng.NextDouble();
            for (int j = 0; j < n; j++)
            {
                x0 += 0.001 + 0.2 * rng.NextDouble();
                k[j] = x0;
                w[j] = 0.0001 + 0.3 * rng.NextDouble();
            }
            for (int t = 0; t < 8; t++)
            {
                double x = t switch { 0 => k[0], 1 => k[^1], 2 => k[rng.Next(n)], _ => -2 + 4 * rng.NextDouble() };
                worst = Math.Max(worst, Relative(HostNative.sm_test_interpolate(k, w, n, x), VolSmile.Interpolate(k, w, x)));
            }
        }
        output.WriteLine($"smile interpolation on 160,000 lookups: worst relative difference {worst:E2}");
        Assert.True(worst <= Tolerance, $"worst relative difference {worst:E2}");
    }

    [HostCompilerTheory]
    [InlineData("{ type: student_t, degrees_of_freedom: 4 }", 1)]
    [InlineData("{ type: normal }", 3)]
    [InlineData("{ type: student_t, degrees_of_freedom: 2.5 }", 4)]
    public void FactorPathsMatchTheCpuGenerator(string distribution, int steps)
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(PlanScenarios.Write(dir, distribution, steps, "sticky_strike", 0.0));
        var plan = input.Plan;
        using var runtime = new HostKernelRuntime();
        using var device = new DevicePlan(runtime, plan);
        var generator = new FactorPathGenerator(plan);
        int nf = plan.FactorCount;
        var z = new double[nf];
        var actual = new double[nf];
        var expected = new double[nf];
        var error = new int[4];
        double worst = 0;
        for (long path = 0; path < 3000; path++)
        {
            long p = path * 7919 + (path % 3 == 0 ? 1L << 33 : 0);
            HostNative.sm_test_generate_factors(device.Args, p, z, actual, error);
            generator.Generate(p, expected, 1, 0);
            for (int f = 0; f < nf; f++) worst = Math.Max(worst, Relative(actual[f], expected[f]));
        }
        Assert.Equal([0, 0, 0, 0], error);
        output.WriteLine($"factor paths ({distribution}, {steps} steps, {nf} factors, 3,000 paths): worst relative difference {worst:E2}");
        Assert.True(worst <= Tolerance, $"worst relative difference {worst:E2}");
    }

    [HostCompilerFact]
    public void HistoricalDateDrawIsBitIdentical()
    {
        // The 64×64 → 128-bit high product (32-bit limbs in the kernels) against Math.BigMul, on the limb boundaries
        // and on random operands; then the whole date draw against HistoricalDateDraw.Index.
        ulong[] edges = [0, 1, 2, 3, 0xFFFF_FFFF, 0x1_0000_0000, 0x1_0000_0001, 0x1_FFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000,
            0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_0000_0000, 0xFFFF_FFFF_0000_0001, ulong.MaxValue - 1, ulong.MaxValue];
        foreach (ulong a in edges)
            foreach (ulong b in edges)
                Assert.True(Math.BigMul(a, b, out _) == HostNative.sm_test_mul_hi_u64(a, b), $"high({a:X}·{b:X})");
        var rng = new Random(39);
        for (int i = 0; i < 200_000; i++)
        {
            ulong a = (ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2), b = i % 2 == 0 ? (ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2) : (ulong)rng.Next(1, int.MaxValue);
            Assert.True(Math.BigMul(a, b, out _) == HostNative.sm_test_mul_hi_u64(a, b), $"high({a:X}·{b:X})");
        }

        int[] counts = [1, 2, 3, 7, 250, 1_234, 3_800, 65_536, 1 << 30, int.MaxValue];
        int compared = 0;
        for (int i = 0; i < 200_000; i++)
        {
            ulong seed = i % 5 == 0 ? 20250212UL : (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 33);
            long path = i % 3 == 0 ? rng.NextInt64(0, 1L << 40) : rng.Next(0, 100_000);
            int day = i % 4 == 0 ? rng.Next(0, 1 << 30) : rng.Next(0, 64);
            int count = i % 2 == 0 ? counts[i / 2 % counts.Length] : rng.Next(1, int.MaxValue);
            int expected = HistoricalDateDraw.Index(seed, path, day, count);
            int actual = HostNative.sm_test_historical_date_index(seed, path, day, count);
            Assert.True(expected == actual, $"seed {seed}, path {path}, day {day}, count {count}: kernel {actual}, C# {expected}");
            Assert.InRange(actual, 0, count - 1);
            compared++;
        }
        output.WriteLine($"64×64 high product: {edges.Length * edges.Length + 200_000:N0} products bit-identical to Math.BigMul; date draw: {compared:N0} (seed, path, day, count) identical to HistoricalDateDraw.Index");
    }

    /// <summary>FHS plans from real histories (PlanScenarios.LoadFhs): (scenario, days).</summary>
    public static TheoryData<string, string> FhsPlans() => new()
    {
        { "crypto", "consecutive" },   // scenarios/crypto-20250212.yaml: BTC, ETH closes, D = 2; vol factors conditional (M = 2) but uncorrelated with the spots (B = 0)
        { "crypto", "independent" },
        { "spx-vix", "consecutive" },  // S&P 500 with VIX as its vol index: every factor has history (M = 0), D = 3
        { "spx-vix", "independent" },
        { "sample", "consecutive" },   // BTC, ETH closes under the sample's spot–vol correlations: M = 2 with B ≠ 0
        { "sample", "independent" },
    };

    [HostCompilerTheory]
    [MemberData(nameof(FhsPlans))]
    public void FhsFactorPathsAreBitIdenticalToTheCpuSampler(string scenario, string days)
    {
        using var dir = new TempDir();
        var plan = PlanScenarios.LoadFhs(dir, scenario, days, 1000);
        var fhs = plan.Fhs!;
        Assert.Equal(DistributionKind.FilteredHistorical, plan.Distribution.Kind);
        Assert.Equal(days == "consecutive", fhs.Consecutive);
        Assert.Equal(scenario == "spx-vix" ? 0 : 2, fhs.GaussianFactor.Length);
        Assert.Equal(scenario == "spx-vix" ? 3 : 2, fhs.Days);
        using var runtime = new HostKernelRuntime();
        using var device = new DevicePlan(runtime, plan);
        Assert.Equal(2, device.Args.Distribution);
        var generator = new FactorPathGenerator(plan);
        int nf = plan.FactorCount;
        var z = new double[nf];
        var actual = new double[nf];
        var expected = new double[nf];
        var error = new int[4];
        var starts = new HashSet<int>();
        int differing = 0;
        double worst = 0;
        const int paths = 20_000;
        for (long path = 0; path < paths; path++)
        {
            long p = path % 4 == 3 ? path * 104_729 + (1L << 33) : path;
            HostNative.sm_test_generate_factors(device.Args, p, z, actual, error);
            generator.Generate(p, expected, 1, 0);
            for (int f = 0; f < nf; f++)
            {
                worst = Math.Max(worst, Relative(actual[f], expected[f]));
                if (BitConverter.DoubleToInt64Bits(actual[f]) != BitConverter.DoubleToInt64Bits(expected[f])) differing++;
            }
            starts.Add(HistoricalDateDraw.Index(plan.Seed, p, 0, fhs.Candidates));
        }
        Assert.Equal([0, 0, 0, 0], error);
        output.WriteLine($"FHS factor paths ({scenario}, {days}, N = {fhs.DateCount:N0} dates, D = {fhs.Days}, H = {fhs.HistoricalCount}, M = {fhs.GaussianFactor.Length}, {paths:N0} paths, {starts.Count:N0} distinct first dates): {differing} of {paths * nf:N0} values differ in any bit; worst relative difference {worst:E2}");
        Assert.True(starts.Count > Math.Min(0.9 * fhs.Candidates, paths / 4), $"only {starts.Count} of {fhs.Candidates} first dates drawn");
        Assert.True(differing == 0, $"{differing} factor values differ; worst relative difference {worst:E2}");
    }

    [HostCompilerTheory]
    [InlineData("sticky_strike", 0.0)]
    [InlineData("sticky_moneyness", 0.0)]
    [InlineData("sticky_moneyness", 0.05)]
    public void RevaluationMatchesTheCpuKernel(string dynamics, double rate)
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(PlanScenarios.Write(dir, "{ type: student_t, degrees_of_freedom: 4 }", 1, dynamics, rate));
        var plan = input.Plan;
        using var runtime = new HostKernelRuntime();
        using var device = new DevicePlan(runtime, plan);
        var ws = new BlockWorkspace(plan, 256);
        double worst = 0, worstSingle = 0;
        for (int block = 0; block < 8; block++)
        {
            var paths = Enumerable.Range(0, 256).Select(j => (long)(block * 256 + j) * 31 + 5).ToArray();
            ws.LoadPaths(paths);
            for (int i = 0; i < plan.InstrumentCount; i++)
            {
                ws.Revalue(i);
                int u = plan.Underlying[i];
                for (int lane = 0; lane < paths.Length; lane++)
                {
                    double x = ws.Factors[2 * u * ws.Capacity + lane], y = ws.Factors[(2 * u + 1) * ws.Capacity + lane];
                    double cpu = ws.DeltaValue[i * ws.Capacity + lane];
                    // Relative to the forward: ΔV of an option is a difference of prices of the order of F.
                    worst = Math.Max(worst, Math.Abs(HostNative.sm_test_revalue(device.Args, i, x, y, 0) - cpu) / plan.Forward0[i]);
                    worstSingle = Math.Max(worstSingle, Math.Abs(HostNative.sm_test_revalue(device.Args, i, x, y, 1) - cpu) / plan.Forward0[i]);
                }
            }
        }
        output.WriteLine($"ΔV of {plan.InstrumentCount} instruments × 2,048 paths ({dynamics}, r = {rate}): worst difference per unit forward {worst:E2} (double; the CPU kernel's e^x comes from Vector256.Exp), {worstSingle:E2} (single-precision Black-76)");
        Assert.True(worst <= 1e-14, $"double: {worst:E2}");
        Assert.True(worstSingle <= 1e-5, $"single: {worstSingle:E2}");
    }

    [HostCompilerFact]
    public void SinglePrecisionErfcAndBlack76StayNearDouble()
    {
        var rng = new Random(37);
        double worstErfc = 0, worstPrice = 0;
        for (int i = 0; i < 50_000; i++)
        {
            float x = (float)((rng.NextDouble() - 0.3) * 12);
            double reference = Erfc.Evaluate(x);
            if (reference > 1e-30) worstErfc = Math.Max(worstErfc, Math.Abs(HostNative.sm_test_erfc_f32(x) - reference) / reference);
            float f = (float)(70_000 * Math.Exp(rng.NextDouble() - 0.5)), k = (float)(f * Math.Exp(rng.NextDouble() - 0.5));
            float lnFK = (float)Math.Log((double)f / k), s = (float)(0.01 + rng.NextDouble());
            double expected = Black76.PriceFromLogMoneyness(i % 2 == 0, f, k, lnFK, s, 1.0);
            worstPrice = Math.Max(worstPrice, Math.Abs(HostNative.sm_test_black76_f32(i % 2 == 0 ? 1 : 0, f, k, lnFK, s, 1f) - expected) / f);
        }
        output.WriteLine($"single precision: erfc worst relative error {worstErfc:E2} (erfc > 1e-30), Black-76 worst error per unit forward {worstPrice:E2}");
        Assert.True(worstErfc < 1e-5, $"erfc {worstErfc:E2}");
        Assert.True(worstPrice < 1e-6, $"Black-76 {worstPrice:E2}");
    }

    [HostCompilerFact]
    public void LossKeysPreserveTheOrderOfDoublesAndRoundTrip()
    {
        var rng = new Random(38);
        var values = Enumerable.Range(0, 50_000).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300))).ToList();
        values.AddRange([0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 1.0, -1.0]);
        var keyed = values.Select(v => (Value: v, Key: HostNative.sm_test_loss_key(v))).ToArray();
        foreach (var (v, key) in keyed) Assert.Equal(v == 0 ? 0.0 : v, HostNative.sm_test_key_loss(key));
        Assert.Equal(HostNative.sm_test_loss_key(0.0), HostNative.sm_test_loss_key(-0.0));
        var byKey = keyed.OrderBy(t => t.Key).Select(t => t.Value).ToArray();
        var byValue = values.Order().ToArray();
        Assert.Equal(byValue, byKey);
    }
}
