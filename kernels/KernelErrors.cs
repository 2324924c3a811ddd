using ILGPU;

namespace StressMargin.Kernels;

/// <summary>
/// The error word a kernel sets when a path cannot be computed, read by the host after every launch sequence:
/// <c>[code, path, detail, 0]</c>; the first error wins (atomic compare-and-swap on the code), later ones are dropped.
/// </summary>
public static class KernelErrors
{
    /// <summary>No error.</summary>
    public const int None = 0;
    /// <summary>A Student t chi-square found no acceptance (detail: the step).</summary>
    public const int NoChiSquare = 1;
    /// <summary>An account loss is not finite (detail: the account).</summary>
    public const int NonFiniteLoss = 2;

    /// <summary>Ints in the error word.</summary>
    public const int Length = 4;

    /// <summary>Records an error unless one is recorded already.</summary>
    /// <param name="error">The error word.</param>
    /// <param name="code">Error code.</param>
    /// <param name="path">Path index.</param>
    /// <param name="detail">Step or account.</param>
    public static void Report(ArrayView<int> error, int code, int path, int detail)
    {
        if (Atomic.CompareExchange(ref error[0], code, None) == None)
        {
            error[1] = path;
            error[2] = detail;
        }
    }
}
