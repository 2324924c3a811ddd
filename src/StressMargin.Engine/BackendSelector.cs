using StressMargin.Compute;
using StressMargin.Compute.Cpu;

namespace StressMargin.Engine;

/// <summary>
/// Chooses the compute backend from the <c>--device</c> option: <c>cpu</c>, or <c>auto</c> (the best backend
/// available, falling back to the CPU and saying why). This build has only the CPU backend.
/// </summary>
public static class BackendSelector
{
    /// <summary>The device names accepted by <see cref="Select"/>.</summary>
    public static readonly string[] Devices = ["auto", "cpu"];

    /// <summary>Creates the backend for a device name.</summary>
    /// <param name="device"><c>auto</c> or <c>cpu</c>.</param>
    /// <param name="threads">CPU worker threads; null uses every logical core.</param>
    /// <returns>The backend, and for <c>auto</c> the reason a GPU was not used (null when the choice was explicit).</returns>
    /// <exception cref="ArgumentException">An unknown device name.</exception>
    public static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads) => device switch
    {
        "cpu" => (new CpuBackend(threads), null),
        "auto" => (new CpuBackend(threads), "no CUDA backend in this build; running on the CPU"),
        _ => throw new ArgumentException($"unknown device '{device}' (expected one of {string.Join(", ", Devices)})", nameof(device)),
    };
}
