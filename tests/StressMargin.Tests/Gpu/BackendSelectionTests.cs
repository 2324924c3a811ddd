using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Gpu;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Gpu;

/// <summary>--device on a machine without CUDA (CI), and the command line around the GPU backend.</summary>
public class BackendSelectionTests
{
    [Fact]
    public void AutoFallsBackToTheManagedCpuWithTheReasonWhenCudaCannotBeUsed()
    {
        var (backend, reason) = BackendSelector.Select("auto", 2, GpuPrecision.Double, (_, _) => throw new GpuUnavailableException("no CUDA driver or device found"));
        Assert.IsType<CpuBackend>(backend);
        Assert.Equal("no CUDA driver or device found; running on the CPU", reason);
        var (_, single) = BackendSelector.Select("auto", 2, GpuPrecision.Single, (_, _) => throw new GpuUnavailableException("no CUDA driver or device found"));
        Assert.EndsWith("running on the CPU in double precision", single);
    }

    [Fact]
    public void ExplicitDevicesAreHonouredOrRefused()
    {
        var (ilgpu, reason) = BackendSelector.Select("ilgpu-cpu", 2);
        using (ilgpu as IDisposable)
        {
            Assert.Equal("ilgpu-cpu", ilgpu.Name);
            Assert.Null(reason);
        }
        Assert.Throws<GpuUnavailableException>(() => BackendSelector.Select("cuda:3", null, GpuPrecision.Double, (n, _) => throw new GpuUnavailableException($"no CUDA device {n}")));
        Assert.Throws<ArgumentException>(() => BackendSelector.Select("cpu", null, GpuPrecision.Single));
        foreach (var valid in new[] { "auto", "cpu", "ilgpu-cpu", "cuda", "cuda:0", "cuda:12" }) Assert.True(BackendSelector.IsValid(valid), valid);
        foreach (var invalid in new[] { "gpu", "cuda:", "cuda:-1", "cuda:x", "CPU", "ilgpu" }) Assert.False(BackendSelector.IsValid(invalid), invalid);
    }

    [Fact]
    public void RealCudaOnAMachineWithoutADriverIsAClearError()
    {
        if (GpuDiscovery.Probe().Cuda.Count > 0) return; // a GPU machine: the device script measures it instead
        var e = Assert.Throws<GpuUnavailableException>(() => IlgpuBackend.OpenCuda(0));
        Assert.Contains("no CUDA driver or device", e.Message);
        var run = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "200", "--device", "cuda", "--out", Path.Combine(Path.GetTempPath(), $"sm-nocuda-{Guid.NewGuid():N}"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: GPU backend unavailable: no CUDA driver or device found", run.Stderr);
    }

    [Fact]
    public void RunOnTheCpuAcceleratorReconcilesWithTheCpuThroughCompare()
    {
        using var dir = new TempDir();
        string cpuOut = Path.Combine(dir.Path, "cpu"), gpuOut = Path.Combine(dir.Path, "ilgpu");
        var cpu = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "3000", "--device", "cpu", "--out", cpuOut);
        Assert.True(cpu.ExitCode == 0, cpu.Stderr);
        var gpu = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "3000", "--device", "ilgpu-cpu", "--out", gpuOut);
        Assert.True(gpu.ExitCode == 0, gpu.Stderr);
        Assert.Contains("backend ilgpu-cpu: ILGPU CPU accelerator", gpu.Stderr);
        string manifest = File.ReadAllText(Path.Combine(gpuOut, "manifest.json"));
        Assert.Contains("\"accelerator\": \"cpu\"", manifest);
        Assert.Contains("\"math\": \"system\"", manifest);
        var compare = CliRunner.Run("compare", cpuOut, gpuOut, "--rel-tol", "1e-9");
        Assert.True(compare.ExitCode == 0, compare.Stdout + compare.Stderr);
        var strict = CliRunner.Run("compare", cpuOut, gpuOut, "--rel-tol", "0");
        Assert.Equal(5, strict.ExitCode); // the backends differ by rounding, not by nothing: the comparison is not vacuous
    }

    [Fact]
    public void DevicesListsTheCpuAcceleratorAndLibDevice()
    {
        var text = CliRunner.Run("devices");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("ilgpu-cpu  ILGPU CPU accelerator", text.Stdout);
        Assert.Contains("libdevice", text.Stdout);
        var json = CliRunner.Run("devices", "--output", "json");
        Assert.Contains("\"ilgpu_cpu\"", json.Stdout);
        Assert.Contains("\"lib_device\"", json.Stdout);
    }
}
