using System.Globalization;
using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;
using StressMargin.Compute.Plan;

namespace StressMargin.Engine;

/// <summary>
/// Chooses the compute backend from the <c>--device</c> option: <c>cpu</c>; <c>cuda</c> or <c>cuda:N</c> (that CUDA
/// device, or an error); or <c>auto</c>: CUDA device 0 when a driver, a device and NVRTC are present, the kernels
/// compile and implement the plan, otherwise the CPU, with the reason CUDA was not used. The kernels implement every
/// factor law of the model (normal, Student t, filtered historical simulation) with the CPU's draws, so the law alone
/// never sends a plan to the CPU (<see cref="CudaBackend.Supports"/> names what still would).
/// </summary>
public static class BackendSelector
{
    /// <summary>The device names accepted by <see cref="Select(string, int?, RevaluationPlan?, CudaPrecision)"/> (N is a device ordinal).</summary>
    public static readonly string[] Devices = ["auto", "cpu", "cuda", "cuda:N"];

    /// <summary>Whether <paramref name="device"/> is <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> with N a
    /// whole number ≥ 0.</summary>
    /// <param name="device">The option value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string device) => Parse(device) is not null;

    /// <summary>Creates the backend for a device name.</summary>
    /// <param name="device"><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <param name="threads">CPU worker threads; null uses every logical core.</param>
    /// <param name="plan">The plan to run, so that a plan the CUDA kernels do not implement is refused (explicit
    /// <c>cuda</c>) or sent to the CPU (<c>auto</c>) before any device work; null skips that check.</param>
    /// <param name="precision">Black-76 precision on CUDA; <see cref="CudaPrecision.Single"/> with <c>cpu</c> is an error.</param>
    /// <returns>The backend, and for <c>auto</c> on the CPU the reason CUDA was not used (null otherwise).</returns>
    /// <exception cref="ArgumentException">An unknown device name, or single precision on the CPU.</exception>
    /// <exception cref="CudaUnavailableException">An explicit CUDA device that cannot be used (no driver, device or
    /// NVRTC, compile error, unsupported plan).</exception>
    public static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads, RevaluationPlan? plan = null, CudaPrecision precision = CudaPrecision.Double) =>
        Select(device, threads, plan, precision, static (ordinal, p) => CudaBackend.Open(ordinal, p));

    /// <summary><see cref="Select(string, int?, RevaluationPlan?, CudaPrecision)"/> with the CUDA opener injected (tests).</summary>
    internal static (IComputeBackend Backend, string? FallbackReason) Select(string device, int? threads, RevaluationPlan? plan, CudaPrecision precision,
        Func<int, CudaPrecision, IComputeBackend> openCuda)
    {
        int? ordinal = Parse(device) ?? throw new ArgumentException($"unknown device '{device}' (expected one of {string.Join(", ", Devices)})", nameof(device));
        string? unsupported = plan is not null && !CudaBackend.Supports(plan, out string? why) ? why : null;
        switch (ordinal)
        {
            case CpuDevice:
                if (precision == CudaPrecision.Single) throw new ArgumentException("--precision single needs a CUDA device (--device cuda or auto); the CPU backend computes in double precision", nameof(precision));
                return (new CpuBackend(threads), null);
            case AutoDevice:
                if (unsupported is not null) return (new CpuBackend(threads), $"{unsupported}; running on the CPU");
                try
                {
                    return (openCuda(0, precision), null);
                }
                catch (CudaUnavailableException e)
                {
                    string precisionNote = precision == CudaPrecision.Single ? " in double precision" : "";
                    return (new CpuBackend(threads), $"{e.Message}; running on the CPU{precisionNote}");
                }
            default:
                if (unsupported is not null) throw new CudaUnavailableException(CudaUnavailableReason.UnsupportedPlan, unsupported);
                return (openCuda(ordinal!.Value, precision), null);
        }
    }

    private const int CpuDevice = -1;
    private const int AutoDevice = -2;

    /// <summary>Ordinal for cuda[:N], <see cref="CpuDevice"/>, <see cref="AutoDevice"/>, or null when invalid.</summary>
    private static int? Parse(string device) => device switch
    {
        "cpu" => CpuDevice,
        "auto" => AutoDevice,
        "cuda" => 0,
        _ when device.StartsWith("cuda:", StringComparison.Ordinal)
               && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n) => n,
        _ => null,
    };
}
