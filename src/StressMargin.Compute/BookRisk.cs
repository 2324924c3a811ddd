using StressMargin.Core.Risk;

namespace StressMargin.Compute;

/// <summary>What a backend returns for a plan.</summary>
/// <param name="Accounts">Tail estimate per plan account, in plan order, length A.</param>
/// <param name="ComponentEs">Component ES per plan position (USD), length P; cash positions have 0.
/// The components of an account sum to its ES up to rounding.</param>
/// <param name="StageSeconds">Wall-clock seconds per stage, in run order.</param>
/// <param name="Revaluations">Instrument revaluations done in the main pass (Σ over account groups of the group's
/// instruments × paths).</param>
/// <param name="PeakBytes">Largest working memory the backend allocated for the run (bytes, estimated: the loss
/// matrix plus each thread's block workspace and tail buffer).</param>
/// <param name="AccountGroups">Number of account groups the main pass ran in (1 unless the loss matrix would exceed
/// the backend's memory budget).</param>
/// <param name="Gpu">What a GPU run used (device memory, chunking, kernel module); null for the CPU.</param>
/// <param name="Histograms">Per plan account (length A), the counts of its n simulated losses on the fixed grid of
/// <see cref="LossHistogram"/>; null when the backend does not produce them (the CUDA backend).</param>
public sealed record BookRisk(
    TailEstimate[] Accounts,
    double[] ComponentEs,
    IReadOnlyList<KeyValuePair<string, double>> StageSeconds,
    long Revaluations,
    long PeakBytes,
    int AccountGroups = 1,
    GpuRunInfo? Gpu = null,
    LossHistogram[]? Histograms = null);
