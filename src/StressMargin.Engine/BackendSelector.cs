using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;

namespace StressMargin.Engine;

/// <summary>Chooses the compute backend from the <c>--device</c> option (temporary: CPU only while the GPU backend moves to ILGPU).</summary>
public static class BackendSelector
{
    /// <summary>The device names accepted.</summary>
    public static readonly string[] Devices = ["auto", "cpu"];

    /// <summary>Whether <paramref name="device"/> is valid.</summary>
    /// <param name="device">The option value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string device) => Devices.Contains(device);

    /// <summary>Creates the backend for a device name.</summary>
    /// <param name="device">Device.</param>
    /// <param name="threads">CPU worker threads.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="precision">Precision.</param>
    /// <returns>The backend and the fallback reason.</returns>
    public static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads, RevaluationPlan? plan = null, GpuPrecision precision = GpuPrecision.Double) =>
        (new CpuBackend(threads), device == "auto" ? "no GPU backend" : null);
}
