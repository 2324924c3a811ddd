using StressMargin.Core.Risk;

namespace StressMargin.Compute;

/// <summary>What a backend returns for a whole run (<see cref="IComputeBackend.Run"/>).</summary>
/// <param name="Accounts">Tail estimate per plan account, in plan order, length A.</param>
/// <param name="ComponentEs">Component ES per plan position (USD), length P; cash positions have 0.
/// The components of an account sum to its ES up to rounding.</param>
/// <param name="StageSeconds">Wall-clock seconds per stage, in run order.</param>
/// <param name="Revaluations">Instrument revaluations done in the main pass (instruments × paths).</param>
/// <param name="PeakBytes">Largest host working memory of the run (bytes, estimated).</param>
/// <param name="Gpu">What a GPU run used (device memory, chunking, kernels); null for the CPU.</param>
/// <param name="Histograms">Per plan account (length A), the counts of its n simulated losses on the fixed grid of
/// <see cref="LossHistogram"/>; null when the backend produced none.</param>
public sealed record BookRisk(
    TailEstimate[] Accounts,
    double[] ComponentEs,
    IReadOnlyList<KeyValuePair<string, double>> StageSeconds,
    long Revaluations,
    long PeakBytes,
    GpuRunInfo? Gpu = null,
    LossHistogram[]? Histograms = null);
