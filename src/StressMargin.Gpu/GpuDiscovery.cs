using ILGPU;
using ILGPU.Runtime.Cuda;

namespace StressMargin.Gpu;

/// <summary>One CUDA device as ILGPU sees it.</summary>
/// <param name="Ordinal">Device index (<c>--device cuda:N</c>).</param>
/// <param name="Name">Device name.</param>
/// <param name="ComputeCapability">e.g. <c>9.0</c>; null when ILGPU 1.5.3 does not know the architecture.</param>
/// <param name="Multiprocessors">Streaming multiprocessors.</param>
/// <param name="MemoryBytes">Device memory (bytes).</param>
/// <param name="DriverVersion">CUDA driver version, e.g. <c>13.0</c>.</param>
public sealed record CudaDeviceInfo(int Ordinal, string Name, string? ComputeCapability, int Multiprocessors, long MemoryBytes, string DriverVersion);

/// <summary>What the GPU backend can use on this machine (<c>stressmargin devices</c>).</summary>
/// <param name="Cuda">CUDA devices; empty without a driver or device.</param>
/// <param name="CudaProblem">Why there is none, when none.</param>
/// <param name="CpuAccelerator">ILGPU's CPU accelerator (always available).</param>
/// <param name="LibDevice">LibDevice files, or null.</param>
/// <param name="LibDeviceProblem">Why LibDevice was not found, when not.</param>
public sealed record GpuInventory(IReadOnlyList<CudaDeviceInfo> Cuda, string? CudaProblem, string CpuAccelerator, LibDeviceFiles? LibDevice, string? LibDeviceProblem);

/// <summary>Lists ILGPU's devices without compiling anything.</summary>
public static class GpuDiscovery
{
    /// <summary>Probes CUDA (through ILGPU), the CPU accelerator and LibDevice.</summary>
    /// <returns>The inventory; never throws for a missing driver.</returns>
    public static GpuInventory Probe()
    {
        var libDevice = LibDeviceLocator.Find(out string libDeviceWhy);
        var cuda = new List<CudaDeviceInfo>();
        string? problem = null;
        try
        {
            using var context = Context.Create(b => b.Cuda());
            foreach (var device in context.GetCudaDevices())
            {
                var arch = device.Architecture;
                cuda.Add(new CudaDeviceInfo(device.DeviceId, device.Name, arch is { } a ? $"{a.Major}.{a.Minor}" : null,
                    device.NumMultiprocessors, device.MemorySize, device.DriverVersion.ToString()));
            }
            if (cuda.Count == 0) problem = "no CUDA driver or device found";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = $"CUDA could not be initialized: {e.Message}";
        }
        string cpuDescription = $"ILGPU CPU accelerator, {Environment.ProcessorCount} worker threads (one per logical core unless --threads), system math";
        return new GpuInventory(cuda, problem, cpuDescription, libDevice, libDevice is null ? libDeviceWhy : null);
    }
}
