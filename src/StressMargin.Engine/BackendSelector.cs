using System.Globalization;
using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Gpu;

namespace StressMargin.Engine;

/// <summary>
/// Chooses the compute backend from the <c>--device</c> option:
/// <list type="bullet">
/// <item><c>cpu</c>: the managed CPU backend (256-bit SIMD), the production CPU fallback and the reference;</item>
/// <item><c>ilgpu-cpu</c>: the GPU kernels on ILGPU's CPU accelerator (what CI uses to execute the GPU code);</item>
/// <item><c>cuda</c> or <c>cuda:N</c>: the GPU kernels on that CUDA device, or an error;</item>
/// <item><c>auto</c>: CUDA device 0 when a driver and a device are present and the kernels compile, otherwise
/// <c>cpu</c>, with the reason CUDA was not used.</item>
/// </list>
/// </summary>
public static class BackendSelector
{
    /// <summary>The device names accepted (N is a device ordinal).</summary>
    public static readonly string[] Devices = ["auto", "cpu", "ilgpu-cpu", "cuda", "cuda:N"];

    /// <summary>Whether <paramref name="device"/> is one of <see cref="Devices"/> with N a whole number ≥ 0.</summary>
    /// <param name="device">The option value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string device) => Parse(device) is not null;

    /// <summary>Creates the backend for a device name.</summary>
    /// <param name="device">A name of <see cref="Devices"/>.</param>
    /// <param name="threads">Worker threads of <c>cpu</c> and <c>ilgpu-cpu</c>; null uses every logical core.</param>
    /// <param name="precision">Black-76 precision of the GPU kernels; <see cref="GpuPrecision.Single"/> with <c>cpu</c> is an error.</param>
    /// <returns>The backend, and for <c>auto</c> on the CPU the reason CUDA was not used (null otherwise).</returns>
    /// <exception cref="ArgumentException">An unknown device name, or single precision on the managed CPU backend.</exception>
    /// <exception cref="GpuUnavailableException">An explicit <c>cuda</c>/<c>ilgpu-cpu</c> device that cannot be used.</exception>
    public static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads, GpuPrecision precision = GpuPrecision.Double) =>
        Select(device, threads, precision, static (ordinal, p) => IlgpuBackend.OpenCuda(ordinal, new GpuBackendOptions { Precision = p }));

    /// <summary><see cref="Select(string, int?, GpuPrecision)"/> with the CUDA opener injected (tests).</summary>
    internal static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads, GpuPrecision precision,
        Func<int, GpuPrecision, IComputeBackend> openCuda)
    {
        int ordinal = Parse(device) ?? throw new ArgumentException($"unknown device '{device}' (expected one of {string.Join(", ", Devices)})", nameof(device));
        switch (ordinal)
        {
            case CpuDevice:
                if (precision == GpuPrecision.Single) throw new ArgumentException("--precision single needs a GPU backend (--device cuda, ilgpu-cpu or auto); the CPU backend computes in double precision", nameof(precision));
                return (new CpuBackend(threads), null);
            case IlgpuCpuDevice:
                return (IlgpuBackend.OpenCpu(new GpuBackendOptions { Precision = precision, CpuThreads = threads }), null);
            case AutoDevice:
                try
                {
                    return (openCuda(0, precision), null);
                }
                catch (GpuUnavailableException e)
                {
                    string precisionNote = precision == GpuPrecision.Single ? " in double precision" : "";
                    return (new CpuBackend(threads), $"{e.Message}; running on the CPU{precisionNote}");
                }
            default:
                return (openCuda(ordinal, precision), null);
        }
    }

    private const int CpuDevice = -1;
    private const int AutoDevice = -2;
    private const int IlgpuCpuDevice = -3;

    /// <summary>Ordinal for cuda[:N], or one of the negative codes, or null when invalid.</summary>
    private static int? Parse(string device) => device switch
    {
        "cpu" => CpuDevice,
        "auto" => AutoDevice,
        "ilgpu-cpu" => IlgpuCpuDevice,
        "cuda" => 0,
        _ when device.StartsWith("cuda:", StringComparison.Ordinal)
               && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n) => n,
        _ => null,
    };
}
