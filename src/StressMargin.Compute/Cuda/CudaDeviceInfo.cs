using System.Globalization;

namespace StressMargin.Compute.Cuda;

/// <summary>One CUDA device as the driver reports it.</summary>
/// <param name="Ordinal">Device ordinal (<c>cuda:N</c>).</param>
/// <param name="Name">Marketing name, e.g. <c>NVIDIA H200</c>.</param>
/// <param name="ComputeMajor">Compute capability, major part (9 for sm_90).</param>
/// <param name="ComputeMinor">Compute capability, minor part.</param>
/// <param name="Multiprocessors">Streaming multiprocessors (SMs).</param>
/// <param name="TotalMemoryBytes">Device memory, bytes.</param>
public sealed record CudaDeviceInfo(int Ordinal, string Name, int ComputeMajor, int ComputeMinor, int Multiprocessors, long TotalMemoryBytes)
{
    /// <summary>The compute capability as an NVRTC architecture, e.g. <c>sm_90</c>.</summary>
    public string Architecture => FormattableString.Invariant($"sm_{ComputeMajor}{ComputeMinor}");

    /// <summary>One-line description, e.g. <c>NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({Architecture}, {Multiprocessors} SMs, {TotalMemoryBytes / (double)(1L << 30):F1} GiB)");

    /// <summary>A CUDA version number as <c>major.minor</c> (driver 12040 → <c>12.4</c>).</summary>
    /// <param name="version">The number from <c>cuDriverGetVersion</c>.</param>
    /// <returns>The text.</returns>
    public static string FormatVersion(int version) => FormattableString.Invariant($"{version / 1000}.{version % 1000 / 10}");
}
