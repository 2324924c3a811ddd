using System.Diagnostics;
using StressMargin.Compute.Plan;
using StressMargin.Core.Risk;

namespace StressMargin.Compute;

/// <summary>
/// A device that runs a <see cref="RevaluationPlan"/>: simulates the factor paths of a range of path indices, revalues
/// every instrument on every path, aggregates account losses and streams them into each account's tail candidates
/// (<see cref="Simulate"/>); then, from the merged tails, regenerates the tail paths for component ES
/// (<see cref="Attribute"/>). Every backend draws the same paths (Philox keyed by seed and path) and applies the same
/// formulas, so backends agree to rounding; one backend gives bit-identical results for the same plan whatever its
/// parallelism, and for any split of the paths into ranges (docs/model.md §8, §11).
/// </summary>
public interface IComputeBackend
{
    /// <summary>Short backend name for logs and the manifest, e.g. <c>cpu</c>.</summary>
    string Name { get; }

    /// <summary>Human-readable device description, e.g. <c>AMD EPYC, 2 threads, AVX2</c>.</summary>
    string Device { get; }

    /// <summary>Simulates paths [<paramref name="paths"/>.First, <paramref name="paths"/>.End) and reduces every account's
    /// losses on them to its tail candidates.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="paths">The path range, within [0, n).</param>
    /// <param name="progress">Receives stage progress; may be called from worker threads. Optional.</param>
    /// <param name="cancellationToken">Cancels the run between blocks.</param>
    /// <returns>The range's tail partial and what the run cost.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ArgumentException">A non-finite loss (names the path).</exception>
    SimulationResult Simulate(RevaluationPlan plan, PathRange paths, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Component ES of every position: each account's tail paths regenerated from their indices, each
    /// position's loss −w·ΔV on them, weighted as the account's ES (docs/model.md §8).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="tails">Each account's tail estimate (its <see cref="TailEstimate.TailPaths"/> in rank order), length A.</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Component ES per plan position (USD), length P; 0 for cash.</returns>
    double[] Attribute(RevaluationPlan plan, IReadOnlyList<TailEstimate> tails, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The whole run on all n paths: <see cref="Simulate"/>, the merge and reduction of the tails
    /// (<see cref="TailPartial.Merge"/>, <see cref="TailPartial.Reduce"/>), then <see cref="Attribute"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Per-account tail estimates and per-position component ES.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    BookRisk Run(RevaluationPlan plan, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (tails, histograms, stageSeconds, revaluations, peakBytes, gpu) = SimulateAndReduce(plan, progress, cancellationToken);
        // The candidate sets just died, all in the oldest generation (they lived through the simulation): on a big book
        // they are most of the heap, and without a full collection here attribution would grow the heap past them.
        CollectIfBigBook(plan);
        var clock = Stopwatch.StartNew();
        var components = Attribute(plan, tails, progress, cancellationToken);
        var stages = stageSeconds
            .Append(new KeyValuePair<string, double>("attribution", clock.Elapsed.TotalSeconds))
            .ToList();
        return new BookRisk(tails, components, stages, revaluations, peakBytes, gpu, histograms);
    }

    /// <summary>Accounts × paths from which <see cref="Run"/> collects the heap after the simulation and after the tail (10⁹: 10,000 accounts at
    /// 100,000 paths, where the candidate sets take about 0.3 GB).</summary>
    private const long BigBookLosses = 1_000_000_000;

    /// <summary>A full collection when the book has at least <see cref="BigBookLosses"/> accounts × paths.</summary>
    private static void CollectIfBigBook(RevaluationPlan plan)
    {
        if ((long)plan.AccountCount * plan.PathCount >= BigBookLosses) GC.Collect();
    }

    /// <summary>Simulates all paths and reduces the tails; the candidate sets (12 bytes × Ranks per account, the largest
    /// part of a big book's memory) are garbage when it returns, before attribution allocates.</summary>
    private (TailEstimate[] Tails, LossHistogram[]? Histograms, IEnumerable<KeyValuePair<string, double>> StageSeconds, long Revaluations, long PeakBytes, GpuRunInfo? Gpu) SimulateAndReduce(
        RevaluationPlan plan, IProgress<ComputeProgress>? progress, CancellationToken cancellationToken)
    {
        var simulation = Simulate(plan, PathRange.All(plan.PathCount), progress, cancellationToken);
        // The loss block and the streaming buffers died with Simulate; on a big book they are gigabytes that the
        // reduction's allocations would otherwise be stacked on.
        CollectIfBigBook(plan);
        var clock = Stopwatch.StartNew();
        var merged = TailPartial.Merge([simulation.Tails]);
        var tails = merged.Reduce();
        double reduceSeconds = clock.Elapsed.TotalSeconds;
        var stages = simulation.StageSeconds
            .Select(kv => kv.Key == "tail" ? new KeyValuePair<string, double>("tail", kv.Value + reduceSeconds) : kv)
            .ToList();
        return (tails, merged.Histograms, stages, simulation.Revaluations, simulation.PeakBytes, simulation.Gpu);
    }
}
