namespace StressMargin.Compute;

/// <summary>
/// What a GPU backend run used, for <c>manifest.json</c> (<c>backend.gpu</c>, docs/formats.md §6.4). Null for the CPU.
/// </summary>
/// <param name="Precision"><c>double</c> or <c>single</c> (Black-76 arithmetic).</param>
/// <param name="PeakDeviceMemoryBytes">Most device memory the run had allocated at once (bytes, measured by the
/// backend's allocator: the plan, the chunk buffers, the resident loss matrix and tail scratch, attribution buffers).</param>
/// <param name="DeviceMemoryBudgetBytes">The budget the run was cut to fit.</param>
/// <param name="PathChunk">Paths per chunk of the main pass.</param>
/// <param name="PathChunks">Chunks per account group.</param>
/// <param name="AttributionBatches">Batches of accounts in the component-ES pass.</param>
/// <param name="KernelTarget">What NVRTC compiled for, e.g. <c>sm_90</c> (cubin) or <c>compute_90</c> (PTX).</param>
/// <param name="KernelCache"><c>hit</c> (module read from the cache), <c>miss</c> (compiled and stored) or
/// <c>off</c> (compiled; the cache folder could not be used).</param>
/// <param name="KernelSeconds">Seconds the backend took to open the device: driver, NVRTC, the kernel module (compiled
/// by NVRTC on a cache miss) and the context; the same figure as the <c>device_setup</c> stage.</param>
public sealed record GpuRunInfo(
    string Precision,
    long PeakDeviceMemoryBytes,
    long DeviceMemoryBudgetBytes,
    int PathChunk,
    int PathChunks,
    int AttributionBatches,
    string KernelTarget,
    string KernelCache,
    double KernelSeconds);
