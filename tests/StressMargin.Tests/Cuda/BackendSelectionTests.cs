using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;
using StressMargin.Core.RiskModel;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// --device selection: auto falls back to the CPU with the reason, explicit cuda fails clearly, a plan the kernels do
/// not implement is refused. The CUDA opener is injected so that the outcome does not depend on the machine; the last
/// tests use the real one and only run where no CUDA driver is installed (as in CI).
/// </summary>
public class BackendSelectionTests
{
    private static readonly Lazy<StressMargin.Compute.Plan.RevaluationPlan> Plan = new(() => ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 1000)).Plan);

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
    }
}
