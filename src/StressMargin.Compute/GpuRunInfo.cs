namespace StressMargin.Compute;

/// <summary>
/// What a GPU backend run used, for <c>manifest.json</c> (<c>backend.gpu</c>, docs/formats.md §6.4). Null for the
/// managed CPU backend.
/// </summary>
/// <param name="Accelerator">ILGPU accelerator: <c>cuda</c> or <c>cpu</c> (ILGPU's CPU accelerator).</param>
/// <param name="Precision"><c>double</c> or <c>single</c> (Black-76 arithmetic).</param>
/// <param name="Math">Elementary functions in the kernels: <c>libdevice</c> (NVIDIA's LibDevice), <c>portable</c> (this
/// project's exp and log, within 1 ulp) or <c>system</c> (System.Math, on the CPU accelerator).</param>
/// <param name="PeakDeviceMemoryBytes">Most device memory the run had allocated at once (bytes: the plan, the chunk
/// buffers, the tail candidate sets, attribution buffers).</param>
/// <param name="DeviceMemoryBudgetBytes">The budget the run was cut to fit.</param>
/// <param name="PathChunk">Paths per chunk of the main pass.</param>
/// <param name="PathChunks">Chunks of the main pass.</param>
/// <param name="SetupSeconds">Seconds to open the device and compile the kernels; the <c>device_setup</c> stage.</param>
public sealed record GpuRunInfo(
    string Accelerator,
    string Precision,
    string Math,
    long PeakDeviceMemoryBytes,
    long DeviceMemoryBudgetBytes,
    int PathChunk,
    int PathChunks,
    double SetupSeconds);
