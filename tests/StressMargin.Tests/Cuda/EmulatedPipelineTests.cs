using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;
using StressMargin.Compute.Plan;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// The CUDA backend's pipeline (GpuPipeline: chunking, launches, indexing, the radix-select tail kernel, attribution)
/// run on the host emulation of the kernels, against the CPU backend. What this cannot show: GPU races, the CUDA
/// math library's exp/log (glibc here), the driver binding and NVRTC.
/// </summary>
public class EmulatedPipelineTests(ITestOutputHelper output)
{
    private static readonly Lazy<LoadedScenario> Sample = new(() => ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 20_000)));

    internal static GpuPipelineOptions Small(CudaPrecision precision = CudaPrecision.Double, long? budget = null, int chunk = 1 << 20) => new()
    {
        Precision = precision, MemoryBudgetBytes = budget, ThreadsPerBlock = 128, TailThreadsPerBlock = 32, MaxPathChunk = chunk,
    };

    internal static double Relative(double a, double b) =>
        a == b || (double.IsNaN(a) && double.IsNaN(b)) ? 0 : Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-300);

    [HostCompilerFact]
    public void SampleScenarioMatchesTheCpuBackend()
    {
        var plan = Sample.Value.Plan;
        var cpu = new CpuBackend().Run(plan);
        using var runtime = new HostKernelRuntime();
        var (gpu, stats) = GpuPipeline.Run(runtime, plan, Small());
        var worst = Compare(plan, cpu, gpu);
        output.WriteLine($"sample, 20,000 paths, double: {worst}; peak emulated device memory {stats.PeakDeviceBytes:N0} bytes");
        Assert.True(worst.SameTails, "tail paths differ");
        Assert.True(worst.Max <= 1e-9, $"worst relative difference {worst.Max:E2}");
        Assert.Equal(cpu.Revaluations, gpu.Revaluations);
        Assert.Equal(1, gpu.AccountGroups);
    }

    [HostCompilerFact]
    public void ChunkingPathsAndGroupingAccountsChangeNothing()
    {
        using var dir = new TempDir();
        var plan = ScenarioLoader.Load(PlanScenarios.Write(dir, "{ type: student_t, degrees_of_freedom: 4 }", 2, "sticky_moneyness", 0.01, paths: 5_000)).Plan;
        using var big = new HostKernelRuntime();
        var (whole, wholeStats) = GpuPipeline.Run(big, plan, Small());
        Assert.Equal(1, wholeStats.PathChunks);
        // A budget that holds about one account's losses and a 1,024-path chunk: several groups, four chunks each.
        var tail = TailLayout.For(plan.PathCount, plan.EsConfidence, plan.VarConfidence);
        var probe = GpuMemoryPlan.For(plan, tail, long.MaxValue / 4, 1024);
        long budget = probe.FixedBytes + (1024 * probe.BytesPerPath) + (2 * probe.BytesPerAccount) + 100;
        using var small = new HostKernelRuntime(capacityBytes: budget + 4096);
        var (cut, cutStats) = GpuPipeline.Run(small, plan, Small(budget: budget));
        output.WriteLine($"budget {budget:N0} bytes: {cut.AccountGroups} account groups, {cutStats.PathChunks} chunks of {cutStats.PathChunk:N0} paths, {cutStats.AttributionBatches} attribution batches, peak {cutStats.PeakDeviceBytes:N0} bytes");
        Assert.True(cut.AccountGroups >= 2, $"{cut.AccountGroups} groups");
        Assert.True(cutStats.PathChunks >= 4, $"{cutStats.PathChunks} chunks");
        Assert.True(cutStats.PeakDeviceBytes <= budget, $"peak {cutStats.PeakDeviceBytes:N0} > budget {budget:N0}");
        for (int a = 0; a < plan.AccountCount; a++)
        {
            Assert.Equal(whole.Accounts[a].ValueAtRisk, cut.Accounts[a].ValueAtRisk);
            Assert.Equal(whole.Accounts[a].ExpectedShortfall, cut.Accounts[a].ExpectedShortfall);
            Assert.Equal(whole.Accounts[a].EsStdError, cut.Accounts[a].EsStdError);
            Assert.Equal(whole.Accounts[a].TailPaths, cut.Accounts[a].TailPaths);
        }
        Assert.Equal(whole.ComponentEs, cut.ComponentEs);
        var worst = Compare(plan, new CpuBackend().Run(plan), cut);
        Assert.True(worst.SameTails && worst.Max <= 1e-9, $"against the CPU: {worst}");
    }

    [HostCompilerTheory]
    [InlineData("{ type: normal }", 1, "sticky_strike", 0.0, 997)]
    [InlineData("{ type: student_t, degrees_of_freedom: 3 }", 3, "sticky_moneyness", 0.03, 4_321)]
    [InlineData("{ type: student_t, degrees_of_freedom: 6 }", 1, "sticky_strike", 0.0, 12)]
    public void EveryModelVariantMatchesTheCpuBackend(string distribution, int steps, string dynamics, double rate, int paths)
    {
        using var dir = new TempDir();
        var plan = ScenarioLoader.Load(PlanScenarios.Write(dir, distribution, steps, dynamics, rate, paths)).Plan;
        using var runtime = new HostKernelRuntime();
        var (gpu, _) = GpuPipeline.Run(runtime, plan, Small(chunk: 1000));
        var worst = Compare(plan, new CpuBackend().Run(plan), gpu);
        output.WriteLine($"{distribution}, {steps} steps, {dynamics}, r = {rate}, {paths} paths: {worst}");
        Assert.True(worst.SameTails && worst.Max <= 1e-9, worst.ToString());
        // Account C holds only cash: every loss is 0 and its tail is the lowest path indices (ties by path).
        Assert.Equal(0.0, gpu.Accounts[2].ExpectedShortfall);
        Assert.Equal(Enumerable.Range(0, gpu.Accounts[2].TailPaths.Length), gpu.Accounts[2].TailPaths);
    }

    [HostCompilerTheory]
    [InlineData("crypto", "consecutive", 20_000, 1 << 20)]  // the calibrated sample as shipped, 106 accounts
    [InlineData("crypto", "independent", 5_000, 1_000)]
    [InlineData("sample", "independent", 4_000, 1_000)]     // options: the conditional-normal vol factors matter
    [InlineData("sample", "consecutive", 3_000, 1 << 20)]
    [InlineData("spx-vix", "consecutive", 5_000, 1_500)]    // M = 0
    public void FilteredHistoricalSimulationMatchesTheCpuBackend(string scenario, string days, int paths, int chunk)
    {
        using var dir = new TempDir();
        var plan = PlanScenarios.LoadFhs(dir, scenario, days, paths);
        Assert.Equal(StressMargin.Core.RiskModel.DistributionKind.FilteredHistorical, plan.Distribution.Kind);
        Assert.True(CudaBackend.Supports(plan, out string? reason), reason);
        var cpu = new CpuBackend().Run(plan);
        using var runtime = new HostKernelRuntime();
        var (gpu, stats) = GpuPipeline.Run(runtime, plan, Small(chunk: chunk));
        var worst = Compare(plan, cpu, gpu);
        output.WriteLine($"FHS {scenario}, {days}, {paths:N0} paths, {plan.AccountCount} accounts, {stats.PathChunks} chunk(s): {worst}");
        Assert.True(worst.SameTails, "tail paths differ");
        Assert.True(worst.Max <= 1e-9, $"worst relative difference {worst.Max:E2}");
        Assert.Equal(cpu.Revaluations, gpu.Revaluations);
        Assert.Contains(gpu.Accounts, a => a.ExpectedShortfall > 0);
    }

    [HostCompilerFact]
    public void TheFhsResidualMatrixCountsInTheMemoryBudget()
    {
        // The budget of ChunkingPathsAndGroupingAccountsChangeNothing: the fixed bytes, one 1,024-path chunk and two
        // accounts' rows, 100 bytes to spare. The residual matrix (8·N·H bytes) is part of the fixed bytes; without it
        // the run would overshoot the budget by about that much.
        using var dir = new TempDir();
        var plan = PlanScenarios.LoadFhs(dir, "crypto", "consecutive", 5_000);
        var fhs = plan.Fhs!;
        using (var probeRuntime = new HostKernelRuntime())
        using (var uploaded = new DevicePlan(probeRuntime, plan))
        {
            Assert.Equal(DevicePlan.BytesFor(plan), uploaded.Bytes);
            Assert.True(uploaded.Bytes > 8L * fhs.Residuals.Length, $"plan {uploaded.Bytes:N0} bytes, residuals {8L * fhs.Residuals.Length:N0}");
        }
        var tail = TailLayout.For(plan.PathCount, plan.EsConfidence, plan.VarConfidence);
        var probe = GpuMemoryPlan.For(plan, tail, long.MaxValue / 4, 1024);
        long budget = probe.FixedBytes + (1024 * probe.BytesPerPath) + (2 * probe.BytesPerAccount) + 100;
        using var small = new HostKernelRuntime(capacityBytes: budget + 4096);
        var (cut, cutStats) = GpuPipeline.Run(small, plan, Small(budget: budget));
        output.WriteLine($"FHS residuals {8L * fhs.Residuals.Length:N0} bytes; budget {budget:N0}: {cut.AccountGroups} account groups, {cutStats.PathChunks} chunks, peak {cutStats.PeakDeviceBytes:N0} bytes");
        Assert.True(cutStats.PeakDeviceBytes <= budget, $"peak {cutStats.PeakDeviceBytes:N0} > budget {budget:N0}");
        Assert.True(cut.AccountGroups >= 2 && cutStats.PathChunks >= 4, $"{cut.AccountGroups} groups, {cutStats.PathChunks} chunks");
        var worst = Compare(plan, new CpuBackend().Run(plan), cut);
        Assert.True(worst.SameTails && worst.Max <= 1e-9, $"against the CPU: {worst}");
    }

    [HostCompilerFact]
    public void SinglePrecisionStaysCloseToDouble()
    {
        var plan = Sample.Value.Plan;
        using var runtime = new HostKernelRuntime();
        var (single, _) = GpuPipeline.Run(runtime, plan, Small(CudaPrecision.Single));
        var (dbl, _) = GpuPipeline.Run(runtime, plan, Small());
        double worstEs = 0, worstAbs = 0;
        for (int a = 0; a < plan.AccountCount; a++)
        {
            double d = dbl.Accounts[a].ExpectedShortfall, s = single.Accounts[a].ExpectedShortfall;
            worstAbs = Math.Max(worstAbs, Math.Abs(d - s));
            if (Math.Abs(d) > 1) worstEs = Math.Max(worstEs, Math.Abs(d - s) / Math.Abs(d));
        }
        output.WriteLine($"single vs double (host emulation, glibc expf): ES worst relative difference {worstEs:E2}, worst absolute {worstAbs:E3} USD");
        Assert.True(worstEs < 1e-3, $"single precision ES off by {worstEs:E2}");
    }

    [HostCompilerFact]
    public void TailKernelSelectsTheCpuTailSetOnHardCases()
    {
        var rng = new Random(41);
        var cases = new List<(string Name, double[] Losses, double Es, double Var)>
        {
            ("all equal", Enumerable.Repeat(3.5, 5000).ToArray(), 0.99, 0.99),
            ("two values", Enumerable.Range(0, 4096).Select(i => i % 3 == 0 ? 1.0 : -1.0).ToArray(), 0.975, 0.99),
            ("few distinct", Enumerable.Range(0, 30_000).Select(_ => (double)rng.Next(-5, 6)).ToArray(), 0.99, 0.95),
            ("signed zeros", Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? 0.0 : -0.0).ToArray(), 0.9, 0.9),
            ("continuous", Enumerable.Range(0, 50_000).Select(_ => rng.NextDouble() * 1e6 - 3e5).ToArray(), 0.99, 0.99),
            ("near-equal bits", Enumerable.Range(0, 20_000).Select(i => BitConverter.Int64BitsToDouble(0x40F0000000000000 + rng.Next(0, 300))).ToArray(), 0.995, 0.99),
            ("heavy tail", Enumerable.Range(0, 10_007).Select(_ => Math.Pow(rng.NextDouble(), -2) * (rng.Next(2) * 2 - 1)).ToArray(), 0.97, 0.999),
            ("fractional k", Enumerable.Range(0, 1234).Select(_ => rng.NextDouble()).ToArray(), 0.993, 0.9911),
            ("one path", [42.0], 0.99, 0.99),
        };
        var estimator = new TailEstimator();
        using var runtime = new HostKernelRuntime();
        foreach (var (name, losses, es, var) in cases)
        {
            var expected = estimator.Estimate(losses, es, var);
            var actual = TailOnDevice(runtime, losses, es, var);
            Assert.True(expected.ValueAtRisk == actual.ValueAtRisk, $"{name}: VaR {actual.ValueAtRisk} vs {expected.ValueAtRisk}");
            Assert.True(expected.ExpectedShortfall == actual.ExpectedShortfall, $"{name}: ES {actual.ExpectedShortfall:R} vs {expected.ExpectedShortfall:R}");
            Assert.True(expected.EsStdError.Equals(actual.EsStdError), $"{name}: SE {actual.EsStdError:R} vs {expected.EsStdError:R}");
            Assert.True(expected.TailPaths.SequenceEqual(actual.TailPaths), $"{name}: tail paths differ");
        }
    }

    [HostCompilerFact]
    public void NonFiniteLossFailsTheRun()
    {
        var losses = Enumerable.Range(0, 3000).Select(i => (double)i).ToArray();
        losses[1234] = double.NaN;
        using var runtime = new HostKernelRuntime();
        var e = Assert.Throws<InvalidOperationException>(() => TailOnDevice(runtime, losses, 0.99, 0.99));
        Assert.Contains("path 1234 is not finite", e.Message);
    }

    [HostCompilerFact]
    public void UnsupportedDistributionIsRefusedBeforeAnyLaunch()
    {
        var plan = Sample.Value.Plan;
        var unknown = WithDistribution(plan, new StressMargin.Core.RiskModel.ReturnDistribution((StressMargin.Core.RiskModel.DistributionKind)77));
        using var runtime = new HostKernelRuntime();
        var e = Assert.Throws<CudaUnavailableException>(() => GpuPipeline.Run(runtime, unknown, Small()));
        Assert.Equal(CudaUnavailableReason.UnsupportedPlan, e.Reason);
        Assert.Contains("distribution", e.Message);
        Assert.Equal(0, runtime.Launches);
        Assert.False(CudaBackend.Supports(unknown, out string? reason));
        Assert.Equal(e.Message, reason);
    }

    /// <summary>The tail kernel on one synthetic loss row (the row uploaded as a one-account loss matrix).</summary>
    internal static TailEstimate TailOnDevice(KernelRuntime runtime, double[] losses, double es, double var)
    {
        var tail = TailLayout.For(losses.Length, es, var);
        var segments = tail.Segments(1);
        using var loss = runtime.Upload<double>(losses);
        using var segs = runtime.Upload<SmTailSegment>(segments);
        using var keys = runtime.Allocate(8 * tail.ScratchPerAccount);
        using var paths = runtime.Allocate(4 * tail.ScratchPerAccount);
        using var values = runtime.Allocate(8L * tail.Ranks);
        using var outPaths = runtime.Allocate(4L * tail.Ranks);
        using var outEs = runtime.Allocate(8L * segments.Length);
        using var error = runtime.Allocate(16);
        runtime.Zero(error);
        runtime.Launch("sm_tail_select", new Dim3((uint)segments.Length), new Dim3(64), new SmTailArgs
        {
            Loss = loss.Address, Segments = segs.Address, ScratchKeys = keys.Address, ScratchPaths = paths.Address, OutValues = values.Address,
            OutPaths = outPaths.Address, OutEs = outEs.Address, Error = error.Address, LossStride = losses.Length, SegmentCount = segments.Length,
        });
        var e = new int[4];
        runtime.Read<int>(error, 0, e);
        if (e[0] == 2) throw new InvalidOperationException($"loss on path {e[2]} is not finite");
        Assert.Equal(0, e[0]);
        var v = new double[tail.Ranks];
        var p = new int[tail.Ranks];
        var s = new double[segments.Length];
        runtime.Read<double>(values, 0, v);
        runtime.Read<int>(outPaths, 0, p);
        runtime.Read<double>(outEs, 0, s);
        return tail.Finish(v, p, s);
    }

    internal static RevaluationPlan WithDistribution(RevaluationPlan p, StressMargin.Core.RiskModel.ReturnDistribution d, FhsPlan? fhs = null) => new()
    {
        Fhs = fhs,
        PathCount = p.PathCount, Seed = p.Seed, Steps = p.Steps, HorizonYears = p.HorizonYears, Distribution = d, VolDynamics = p.VolDynamics,
        EsConfidence = p.EsConfidence, VarConfidence = p.VarConfidence, Underlyings = p.Underlyings, FactorVolPerStep = p.FactorVolPerStep,
        FactorDrift = p.FactorDrift, Loading = p.Loading, InstrumentIds = p.InstrumentIds, Kind = p.Kind, Underlying = p.Underlying,
        Forward0 = p.Forward0, Strike = p.Strike, Value0 = p.Value0, LogForwardOverStrike = p.LogForwardOverStrike, SqrtTau1 = p.SqrtTau1,
        Discount1 = p.Discount1, IsCall = p.IsCall, StdDev0 = p.StdDev0, ExpiryYears = p.ExpiryYears, SmileLo = p.SmileLo, SmileHi = p.SmileHi,
        SmileWeight = p.SmileWeight, SmileOffset = p.SmileOffset, SmileLogMoneyness = p.SmileLogMoneyness, SmileTotalVariance = p.SmileTotalVariance,
        SmileExpiryYears = p.SmileExpiryYears, AccountIds = p.AccountIds, AccountStart = p.AccountStart, PositionInstrument = p.PositionInstrument,
        PositionWeight = p.PositionWeight,
    };

    internal sealed record Differences(double Var, double Es, double Se, double Component, bool SameTails, double WorstUsd)
    {
        public double Max => Math.Max(Math.Max(Var, Es), Math.Max(Se, Component));

        public override string ToString() => $"worst relative difference VaR {Var:E2}, ES {Es:E2}, SE {Se:E2}, component ES {Component:E2}; worst absolute {WorstUsd:E2} USD; same tail sets: {SameTails}";
    }

    /// <summary>Worst relative differences between two backends' results (component ES relative to the larger of the
    /// component and its account's |ES|, since components can be near zero).</summary>
    internal static Differences Compare(RevaluationPlan plan, BookRisk a, BookRisk b)
    {
        double var = 0, es = 0, se = 0, component = 0, usd = 0;
        bool sameTails = true;
        for (int i = 0; i < plan.AccountCount; i++)
        {
            var x = a.Accounts[i];
            var y = b.Accounts[i];
            var = Math.Max(var, Relative(x.ValueAtRisk, y.ValueAtRisk));
            es = Math.Max(es, Relative(x.ExpectedShortfall, y.ExpectedShortfall));
            se = Math.Max(se, Relative(x.EsStdError, y.EsStdError));
            sameTails &= x.TailPaths.SequenceEqual(y.TailPaths);
            usd = Math.Max(usd, Math.Max(Math.Abs(x.ValueAtRisk - y.ValueAtRisk), Math.Abs(x.ExpectedShortfall - y.ExpectedShortfall)));
            if (!double.IsNaN(x.EsStdError)) usd = Math.Max(usd, Math.Abs(x.EsStdError - y.EsStdError));
            double scale = Math.Max(Math.Abs(x.ExpectedShortfall), 1e-300);
            for (int p = plan.AccountStart[i]; p < plan.AccountStart[i + 1]; p++)
            {
                double ca = a.ComponentEs[p], cb = b.ComponentEs[p];
                if (ca != cb) component = Math.Max(component, Math.Abs(ca - cb) / Math.Max(Math.Max(Math.Abs(ca), Math.Abs(cb)), scale));
                usd = Math.Max(usd, Math.Abs(ca - cb));
            }
        }
        return new Differences(var, es, se, component, sameTails, usd);
    }
}
