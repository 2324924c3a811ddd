using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Gpu;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Gpu;

/// <summary>
/// The ILGPU kernels, executed on ILGPU's CPU accelerator, against the managed CPU backend: the same tail sets, and VaR,
/// ES, its standard error and component ES within 1e-9 relative (of the larger magnitude, or of 1 USD for figures below
/// 1 USD). The two differ only by rounding: System.Math against Vector256.Exp for exp, and the operation order of
/// nothing else.
/// </summary>
public class IlgpuBackendTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<LoadedScenario> Sample = new(() => ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 4000)));

    private double Compare(RevaluationPlan plan, BookRisk reference, BookRisk other, double tolerance = Tolerance)
    {
        double worst = 0;
        void Check(string what, double a, double b)
        {
            double d = Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
            if (double.IsNaN(a) && double.IsNaN(b)) d = 0;
            worst = Math.Max(worst, d);
            Assert.True(d <= tolerance, $"{what}: {a:R} vs {b:R} ({d:E2})");
        }
        for (int a = 0; a < plan.AccountCount; a++)
        {
            var x = reference.Accounts[a];
            var y = other.Accounts[a];
            Assert.Equal(x.TailPaths.Order(), y.TailPaths.Order());
            Check($"{plan.AccountIds[a]} VaR", x.ValueAtRisk, y.ValueAtRisk);
            Check($"{plan.AccountIds[a]} ES", x.ExpectedShortfall, y.ExpectedShortfall);
            Check($"{plan.AccountIds[a]} ES s.e.", x.EsStdError, y.EsStdError);
        }
        for (int p = 0; p < plan.PositionCount; p++) Check($"position {p} component ES", reference.ComponentEs[p], other.ComponentEs[p]);
        return worst;
    }

    private static BookRisk Run(IComputeBackend backend, RevaluationPlan plan) => backend.Run(plan);

    [Fact]
    public void SampleOnTheCpuAcceleratorMatchesTheManagedBackend()
    {
        var plan = Sample.Value.Plan;
        var cpu = Run(new CpuBackend(), plan);
        using var gpu = IlgpuBackend.OpenCpu();
        var risk = Run(gpu, plan);
        output.WriteLine($"sample, {plan.PathCount:N0} paths: worst relative difference {Compare(plan, cpu, risk):E2}; {gpu.Device}");
        // The kernels' histograms count the same losses on the same fixed grid (rounding differences never cross a bin edge here).
        Assert.NotNull(risk.Histograms);
        for (int a = 0; a < plan.AccountCount; a++)
            Assert.Equal(cpu.Histograms![a].NonEmptyBins(), risk.Histograms![a].NonEmptyBins());
        Assert.Equal("cpu", risk.Gpu!.Accelerator);
        Assert.True(risk.Gpu.PeakDeviceMemoryBytes > 0);
    }

    [Theory]
    [InlineData("sticky_strike", "{ type: student_t, degrees_of_freedom: 4 }")]
    [InlineData("sticky_moneyness", "normal")]
    public void EveryInstrumentKindMatchesTheManagedBackend(string volDynamics, string distribution)
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, EngineScenarios.AllKindsBook, 6000, distribution, volDynamics));
        using var gpu = IlgpuBackend.OpenCpu();
        double worst = Compare(input.Plan, Run(new CpuBackend(), input.Plan), Run(gpu, input.Plan));
        output.WriteLine($"all kinds, {volDynamics}, {distribution}: worst relative difference {worst:E2}");
    }

    [Theory]
    [InlineData("{ type: student_t, degrees_of_freedom: 4 }", 1)]
    [InlineData("normal", 3)]
    public void BasisFactorsMatchTheManagedBackend(string distribution, int steps)
    {
        // Futures in every basis bucket of both underlyings, perpetual-vs-future basis trades, and an account without futures.
        using var dir = new TempDir();
        string path = EngineScenarios.OnSampleMarket(dir, Engine.BasisFactorTests.FuturesBook, 6000, distribution, riskFactors: Engine.BasisFactorTests.SampleWithBasis());
        File.WriteAllText(path, File.ReadAllText(path).Replace("horizon_days: 2", $"horizon_days: 2\n  steps: {steps}"));
        var input = ScenarioLoader.Load(path);
        Assert.Equal(8, input.Plan.FactorCount);
        Assert.Contains(input.Plan.BasisFactor, b => b >= 4);
        using var gpu = IlgpuBackend.OpenCpu();
        double worst = Compare(input.Plan, Run(new CpuBackend(), input.Plan), Run(gpu, input.Plan));
        output.WriteLine($"basis factors, {distribution}, {steps} step(s): worst relative difference {worst:E2}");
    }

    [Theory]
    [InlineData("{ type: student_t, degrees_of_freedom: 4 }", 1)]
    [InlineData("normal", 3)]
    public void PerpetualFundingMatchesTheManagedBackend(string distribution, int steps)
    {
        // Perpetuals of both underlyings pay (BTC) or receive (ETH) funding, alongside basis-factor futures and options.
        using var dir = new TempDir();
        string rf = Engine.BasisFactorTests.SampleWithBasis()
            .Replace("vols: [0.4, 0.3, 0.2] }", "vols: [0.4, 0.3, 0.2] }, funding: { rate_8h: 0.0002 }")
            .Replace("vols: [0.5] }", "vols: [0.5] }, funding: { rate_8h: -0.0004 }");
        string path = EngineScenarios.OnSampleMarket(dir, Engine.BasisFactorTests.FuturesBook, 6000, distribution, riskFactors: rf);
        File.WriteAllText(path, File.ReadAllText(path).Replace("horizon_days: 2", $"horizon_days: 2\n  steps: {steps}"));
        var input = ScenarioLoader.Load(path);
        Assert.Equal(2, input.Plan.FundingPayment.Count(f => f != 0));
        using var gpu = IlgpuBackend.OpenCpu();
        double worst = Compare(input.Plan, Run(new CpuBackend(), input.Plan), Run(gpu, input.Plan));
        output.WriteLine($"perpetual funding, {distribution}, {steps} step(s): worst relative difference {worst:E2}");
    }

    [Fact]
    public void CalibratedFilteredHistoricalSampleMatchesTheManagedBackend()
    {
        var input = ScenarioLoader.Load(RepoPaths.Combine("scenarios", "crypto-20250212.yaml"), new RunOverrides(Paths: 6000));
        Assert.NotNull(input.Plan.Fhs);
        using var gpu = IlgpuBackend.OpenCpu();
        double worst = Compare(input.Plan, Run(new CpuBackend(), input.Plan), Run(gpu, input.Plan));
        output.WriteLine($"calibrated FHS sample: worst relative difference {worst:E2}");
    }

    [Fact]
    public void ChunksGroupSizesAndPathShardsDoNotChangeAnyBit()
    {
        var plan = Sample.Value.Plan;
        using var reference = IlgpuBackend.OpenCpu();
        var whole = Run(reference, plan);
        using var chunked = IlgpuBackend.OpenCpu(new GpuBackendOptions { MaxPathChunk = 700, TailGroupSize = 2, CpuThreads = 3 });
        var cut = Run(chunked, plan);
        Assert.Equal(6, cut.Gpu!.PathChunks);
        Assert.Equal(whole.Accounts.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)), cut.Accounts.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)));
        Assert.Equal(whole.Accounts.SelectMany(t => t.TailPaths), cut.Accounts.SelectMany(t => t.TailPaths));
        Assert.Equal(whole.ComponentEs, cut.ComponentEs);

        var parts = Enumerable.Range(0, 3).Select(i => reference.Simulate(plan, PathRange.Shard(i, 3, plan.PathCount)).Tails).ToArray();
        var merged = TailPartial.Merge(parts).Reduce();
        Assert.Equal(whole.Accounts.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)), merged.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)));
        Assert.Equal(whole.Accounts.SelectMany(t => t.TailPaths), merged.SelectMany(t => t.TailPaths));
    }

    [Fact]
    public void SinglePrecisionRevaluationStaysCloseToDouble()
    {
        var plan = Sample.Value.Plan;
        using var single = IlgpuBackend.OpenCpu(new GpuBackendOptions { Precision = GpuPrecision.Single });
        using var dbl = IlgpuBackend.OpenCpu();
        var s = Run(single, plan);
        var d = Run(dbl, plan);
        Assert.Equal("single", s.Gpu!.Precision);
        double worst = 0;
        for (int a = 0; a < plan.AccountCount; a++)
        {
            double x = d.Accounts[a].ExpectedShortfall, y = s.Accounts[a].ExpectedShortfall;
            if (Math.Abs(x) < 1) continue;
            worst = Math.Max(worst, Math.Abs(x - y) / Math.Abs(x));
        }
        output.WriteLine($"single vs double precision ES: worst relative difference {worst:E2} (accounts with |ES| ≥ 1 USD)");
        Assert.True(worst < 1e-5, $"single precision ES differs by {worst:E2}");
        Assert.True(worst > 0, "single precision gave exactly the double results: the single kernel did not run");
    }
}
