using StressMargin.Core.Risk;

namespace StressMargin.Compute;

/// <summary>What <see cref="IComputeBackend.Simulate"/> returns for a path range.</summary>
/// <param name="Tails">Every account's tail candidates on the range.</param>
/// <param name="StageSeconds">Wall-clock seconds per stage (<c>simulate</c>: factors, revaluation, account losses;
/// <c>tail</c>: the streaming tail; a GPU backend adds <c>device_setup</c>).</param>
/// <param name="Revaluations">Instrument revaluations done (instruments × paths).</param>
/// <param name="PeakBytes">Largest host working memory of the run (bytes, estimated: the chunk's loss block, the tail
/// buffers and each thread's block workspace).</param>
/// <param name="Gpu">What a GPU run used; null for the CPU.</param>
public sealed record SimulationResult(
    TailPartial Tails,
    IReadOnlyList<KeyValuePair<string, double>> StageSeconds,
    long Revaluations,
    long PeakBytes,
    GpuRunInfo? Gpu = null);
