using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;
using StressMargin.Core.RiskModel;
using StressMargin.Engine;
using StressMargin.Tests.Support;
using FhsPlanData = StressMargin.Compute.Plan.FhsPlan;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// --device selection: auto falls back to the CPU with the reason, explicit cuda fails clearly, a plan the kernels do
/// not implement is refused. The CUDA opener is injected so that the outcome does not depend on the machine; the last
/// tests use the real one and only run where no CUDA driver is installed (as in CI).
/// </summary>
public class BackendSelectionTests
{
    private static readonly Lazy<StressMargin.Compute.Plan.RevaluationPlan> Plan = new(() => ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 1000)).Plan);

    /// <summary>The calibrated sample: filtered historical simulation on the real BTC/ETH closes.</summary>
    private static readonly Lazy<StressMargin.Compute.Plan.RevaluationPlan> FhsPlan = new(() => ScenarioLoader.Load(RepoPaths.Combine("scenarios", "crypto-20250212.yaml"), new RunOverrides(Paths: 1000)).Plan);

    private static IComputeBackend NoDriver(int ordinal, CudaPrecision precision) =>
        throw new CudaUnavailableException(CudaUnavailableReason.DriverNotFound, "CUDA driver not found (libcuda.so.1: cannot open shared object file)");

    private sealed class FakeGpu(int ordinal, CudaPrecision precision) : IComputeBackend
    {
        public int Ordinal => ordinal;
        public CudaPrecision Precision => precision;
        public string Name => "cuda";
        public string Device => $"fake {ordinal}";
        public BookRisk Run(StressMargin.Compute.Plan.RevaluationPlan plan, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public void AutoWithoutADriverFallsBackToTheCpuAndSaysWhy()
    {
        var (backend, reason) = BackendSelector.Select("auto", 2, Plan.Value, CudaPrecision.Double, NoDriver);
        Assert.IsType<CpuBackend>(backend);
        Assert.Equal("CUDA driver not found (libcuda.so.1: cannot open shared object file); running on the CPU", reason);
        var (_, single) = BackendSelector.Select("auto", 2, Plan.Value, CudaPrecision.Single, NoDriver);
        Assert.EndsWith("running on the CPU in double precision", single);
    }

    [Theory]
    [InlineData("auto", 0)]
    [InlineData("cuda", 0)]
    [InlineData("cuda:3", 3)]
    public void AWorkingDeviceIsUsed(string device, int ordinal)
    {
        var (backend, reason) = BackendSelector.Select(device, null, Plan.Value, CudaPrecision.Single, (o, p) => new FakeGpu(o, p));
        var gpu = Assert.IsType<FakeGpu>(backend);
        Assert.Equal((ordinal, CudaPrecision.Single), (gpu.Ordinal, gpu.Precision));
        Assert.Null(reason);
    }

    [Fact]
    public void ExplicitCudaWithoutADriverIsAnError()
    {
        var e = Assert.Throws<CudaUnavailableException>(() => BackendSelector.Select("cuda:1", null, Plan.Value, CudaPrecision.Double, NoDriver));
        Assert.Equal(CudaUnavailableReason.DriverNotFound, e.Reason);
    }

    [Fact]
    public void APlanTheKernelsDoNotImplementGoesToTheCpuOrIsRefused()
    {
        var future = EmulatedPipelineTests.WithDistribution(Plan.Value, new ReturnDistribution((DistributionKind)99));
        int opened = 0;
        IComputeBackend Open(int o, CudaPrecision p) { opened++; return new FakeGpu(o, p); }
        var (backend, reason) = BackendSelector.Select("auto", null, future, CudaPrecision.Double, Open);
        Assert.IsType<CpuBackend>(backend);
        Assert.Matches("^the CUDA kernels do not implement the factor distribution '.*'; running on the CPU$", reason);
        var e = Assert.Throws<CudaUnavailableException>(() => BackendSelector.Select("cuda", null, future, CudaPrecision.Double, Open));
        Assert.Equal(CudaUnavailableReason.UnsupportedPlan, e.Reason);
        Assert.Equal(0, opened);
        Assert.True(CudaBackend.Supports(Plan.Value, out string? none));
        Assert.Null(none);
    }

    [Fact]
    public void AFilteredHistoricalSimulationPlanIsRunByTheKernels()
    {
        var fhs = FhsPlan.Value;
        Assert.Equal(DistributionKind.FilteredHistorical, fhs.Distribution.Kind);
        Assert.True(CudaBackend.Supports(fhs, out string? why), why);
        Assert.Null(why);
        foreach (var (device, ordinal) in new[] { ("auto", 0), ("cuda", 0), ("cuda:2", 2) })
        {
            var (backend, reason) = BackendSelector.Select(device, null, fhs, CudaPrecision.Double, (o, p) => new FakeGpu(o, p));
            Assert.Equal(ordinal, Assert.IsType<FakeGpu>(backend).Ordinal);
            Assert.Null(reason);
        }
        // Without a driver, auto still falls back, for that reason and not for the law.
        var (cpu, fallback) = BackendSelector.Select("auto", 2, fhs, CudaPrecision.Double, NoDriver);
        Assert.IsType<CpuBackend>(cpu);
        Assert.Equal("CUDA driver not found (libcuda.so.1: cannot open shared object file); running on the CPU", fallback);
        var e = Assert.Throws<CudaUnavailableException>(() => BackendSelector.Select("cuda", null, fhs, CudaPrecision.Double, NoDriver));
        Assert.Equal(CudaUnavailableReason.DriverNotFound, e.Reason);
    }

    [Fact]
    public void AnFhsPlanTheKernelCannotTakeIsStillRefused()
    {
        var fhs = FhsPlan.Value;
        var law = fhs.Distribution;
        var h = fhs.Fhs!;
        FhsPlanData Copy(int[] historical, int[] gaussian) => new()
        {
            DateCount = h.DateCount, Residuals = h.Residuals, HistoricalFactor = historical, GaussianFactor = gaussian, Regression = h.Regression,
            ConditionalLoading = h.ConditionalLoading, Days = h.Days, Consecutive = h.Consecutive,
        };
        var cases = new (StressMargin.Compute.Plan.RevaluationPlan Plan, string Problem)[]
        {
            (EmulatedPipelineTests.WithDistribution(fhs, law, null), "the plan carries no filtered history"),
            (EmulatedPipelineTests.WithDistribution(fhs, law, Copy([h.HistoricalFactor[0], h.HistoricalFactor[0]], h.GaussianFactor)), "the history factors and the conditional-normal factors do not split the factors"),
            (EmulatedPipelineTests.WithDistribution(fhs, law, Copy(h.HistoricalFactor, [.. h.GaussianFactor[..^1], h.HistoricalFactor[0]])), "the history factors and the conditional-normal factors do not split the factors"),
            (EmulatedPipelineTests.WithDistribution(fhs, law, Copy(h.HistoricalFactor, h.GaussianFactor[..^1])), "the history factors and the conditional-normal factors do not split the factors"),
        };
        foreach (var (plan, problem) in cases)
        {
            Assert.False(CudaBackend.Supports(plan, out string? why));
            Assert.Equal($"the CUDA kernels cannot run this filtered historical simulation: {problem}", why);
            int opened = 0;
            var (backend, reason) = BackendSelector.Select("auto", null, plan, CudaPrecision.Double, (o, p) => { opened++; return new FakeGpu(o, p); });
            Assert.IsType<CpuBackend>(backend);
            Assert.Equal(why + "; running on the CPU", reason);
            Assert.Equal(0, opened);
        }
        Assert.True(CudaBackend.Supports(EmulatedPipelineTests.WithDistribution(fhs, law, Copy(h.HistoricalFactor, h.GaussianFactor)), out _));
    }

    [Theory]
    [InlineData("auto", true)]
    [InlineData("cpu", true)]
    [InlineData("cuda", true)]
    [InlineData("cuda:0", true)]
    [InlineData("cuda:12", true)]
    [InlineData("gpu", false)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("cuda:1.5", false)]
    [InlineData("CUDA", false)]
    public void DeviceNames(string device, bool valid)
    {
        Assert.Equal(valid, BackendSelector.IsValid(device));
        if (!valid) Assert.Throws<ArgumentException>(() => BackendSelector.Select(device, null));
    }

    [Fact]
    public void SinglePrecisionOnTheCpuIsRefused() =>
        Assert.Throws<ArgumentException>(() => BackendSelector.Select("cpu", null, null, CudaPrecision.Single));

    [Fact]
    public void OnThisMachineWithoutLibcudaAutoRunsOnTheCpuAndRecordsWhy()
    {
        if (CudaDiscovery.Probe().DriverVersion is not null) return; // a machine with a CUDA driver: covered by the injected tests
        var (backend, reason) = BackendSelector.Select("auto", 1, Plan.Value);
        Assert.IsType<CpuBackend>(backend);
        Assert.StartsWith("CUDA driver not found (", reason);
        Assert.Contains("libcuda.so.1", reason);
        Assert.EndsWith("; running on the CPU", reason);
        var e = Assert.Throws<CudaUnavailableException>(() => CudaBackend.Open());
        Assert.Equal(CudaUnavailableReason.DriverNotFound, e.Reason);
        // A filtered-historical-simulation plan falls back for the same reason, not because of its law.
        var (fhsBackend, fhsReason) = BackendSelector.Select("auto", 1, FhsPlan.Value);
        Assert.IsType<CpuBackend>(fhsBackend);
        Assert.Equal(reason, fhsReason);
    }
}
