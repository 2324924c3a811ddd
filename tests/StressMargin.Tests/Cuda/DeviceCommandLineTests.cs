using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Compute.Cuda;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>The command line around the CUDA backend: <c>devices</c>, <c>--device cuda[:N]</c>, <c>--precision</c>,
/// and the manifest of a fallen-back run. The tests that need "no CUDA driver" return early where one is installed.</summary>
public class DeviceCommandLineTests
{
    private static bool NoDriver => CudaDiscovery.Probe().DriverVersion is null;

    [Fact]
    public void DevicesListsTheCpuAndWhyThereIsNoGpu()
    {
        var r = CliRunner.Run("devices");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.StartsWith("cpu      ", r.Stdout);
        if (!NoDriver) return;
        Assert.Contains("cuda     not available: CUDA driver not found (libcuda.so.1", r.Stdout);
        Assert.Contains("--device auto uses the CPU", r.Stdout);
    }

    [Fact]
    public void DevicesAsJson()
    {
        var r = CliRunner.Run("devices", "--output", "json");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cpu").GetProperty("logical_cores").GetInt32());
        var cuda = root.GetProperty("cuda");
        Assert.Equal(JsonValueKind.Array, cuda.GetProperty("devices").ValueKind);
        if (!NoDriver) return;
        Assert.False(cuda.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, cuda.GetProperty("driver_version").ValueKind);
        Assert.StartsWith("CUDA driver not found", cuda.GetProperty("problem").GetString());
        Assert.Equal(0, cuda.GetProperty("devices").GetArrayLength());
    }

    [Fact]
    public void DevicesRejectsAnUnknownFormat() => InputErrorAssert.UsageError(CliRunner.Run("devices", "--output", "xml"), "xml");

    [Fact]
    public void ExplicitCudaWithoutADriverExitsWithCodeOneAndWritesNothing()
    {
        if (!NoDriver) return;
        using var f = new ScenarioFixture();
        var r = f.Run("--device", "cuda");
        Assert.Equal(ExitCodes.InternalError, r.ExitCode);
        Assert.StartsWith("error: CUDA backend unavailable: CUDA driver not found (", r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace for an environment without a GPU
        Assert.Empty(f.OutputEntries());
    }

    [Theory]
    [InlineData("cuda:x")]
    [InlineData("cuda:-2")]
    [InlineData("gpu0")]
    public void MalformedDeviceIsAUsageError(string device)
    {
        using var f = new ScenarioFixture();
        InputErrorAssert.UsageError(f.Run("--device", device), $"got '{device}'", "auto, cpu, cuda or cuda:N");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void SinglePrecisionOnTheCpuIsAUsageError()
    {
        using var f = new ScenarioFixture();
        InputErrorAssert.UsageError(f.Run("--device", "cpu", "--precision", "single"), "--precision single needs a CUDA device");
        InputErrorAssert.UsageError(f.Run("--precision", "half"), "half");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void AutoRunOnAMachineWithoutCudaRecordsTheFallbackInTheHeaderAndManifest()
    {
        if (!NoDriver) return;
        using var f = new ScenarioFixture();
        var r = f.Run("--device", "auto", "--precision", "single");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains("backend cpu: ", r.Stderr);
        Assert.Contains("(CUDA driver not found (libcuda.so.1", r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.OutDir, "manifest.json")));
        var backend = doc.RootElement.GetProperty("backend");
        Assert.Equal("cpu", backend.GetProperty("name").GetString());
        Assert.EndsWith("; running on the CPU in double precision", backend.GetProperty("fallback_reason").GetString());
        Assert.False(backend.TryGetProperty("gpu", out _), "a CPU run has no gpu block");
    }

    [Fact]
    public void TheCalibratedFhsSampleIsSentToCudaAndFallsBackOnlyForWantOfADriver()
    {
        // scenarios/crypto-20250212.yaml draws its shocks by filtered historical simulation, which the kernels implement:
        // --device cuda fails here for the missing driver (not the law), --device auto records that reason.
        if (!NoDriver) return;
        using var dir = new TempDir();
        string scenario = RepoPaths.Combine("scenarios", "crypto-20250212.yaml");
        var cuda = CliRunner.Run("run", scenario, "--paths", "2000", "--device", "cuda", "--out", dir.File("cuda"));
        Assert.Equal(ExitCodes.InternalError, cuda.ExitCode);
        Assert.StartsWith("error: CUDA backend unavailable: CUDA driver not found (", cuda.Stderr);
        Assert.DoesNotContain("distribution", cuda.Stderr);
        var auto = CliRunner.Run("run", scenario, "--paths", "2000", "--device", "auto", "--out", dir.File("auto"));
        Assert.True(auto.ExitCode == ExitCodes.Success, auto.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("auto/manifest.json")));
        string? reason = doc.RootElement.GetProperty("backend").GetProperty("fallback_reason").GetString();
        Assert.StartsWith("CUDA driver not found (libcuda.so.1", reason);
        Assert.EndsWith("; running on the CPU", reason);
    }
}
