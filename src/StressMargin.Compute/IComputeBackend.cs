using StressMargin.Compute.Plan;

namespace StressMargin.Compute;

/// <summary>
/// A device that runs a <see cref="RevaluationPlan"/>: simulates the factor paths, revalues every instrument on
/// every path, aggregates account losses and reduces them to VaR, ES, ES standard error and component ES.
/// Every backend draws the same paths (Philox keyed by seed and path) and applies the same formulas, so backends
/// agree to rounding; one backend gives bit-identical results for the same plan whatever its parallelism.
/// </summary>
public interface IComputeBackend
{
    /// <summary>Short backend name for logs and the manifest, e.g. <c>cpu</c>.</summary>
    string Name { get; }

    /// <summary>Human-readable device description, e.g. <c>AMD EPYC, 2 threads, AVX2</c>.</summary>
    string Device { get; }

    /// <summary>Runs the plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="progress">Receives stage progress; may be called from worker threads. Optional.</param>
    /// <param name="cancellationToken">Cancels the run between blocks.</param>
    /// <returns>Per-account tail estimates and per-position component ES.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    BookRisk Run(RevaluationPlan plan, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default);
}
