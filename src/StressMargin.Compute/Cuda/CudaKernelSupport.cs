using StressMargin.Compute.Plan;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// Which plans the kernels implement, and the codes they use for them (kernels/plan.cuh). Written as allow-lists:
/// a distribution, vol dynamics or instrument kind added to the C# model later is refused here, with a reason, until
/// the kernels implement it (a new case in <c>sm_generate_factors</c> or <c>sm_revalue</c> and an entry here).
/// </summary>
internal static class CudaKernelSupport
{
    /// <summary>SM_DIST_* code of a distribution, or null when the kernels do not implement it.</summary>
    /// <param name="kind">The distribution.</param>
    /// <returns>The code.</returns>
    public static int? DistributionCode(DistributionKind kind) => kind switch
    {
        DistributionKind.Normal => 0,
        DistributionKind.StudentT => 1,
        DistributionKind.FilteredHistorical => 2,
        _ => null,
    };

    /// <summary>SM_VOL_* code of the vol dynamics, or null when not implemented.</summary>
    /// <param name="dynamics">The dynamics.</param>
    /// <returns>The code.</returns>
    public static int? VolDynamicsCode(VolDynamics dynamics) => dynamics switch
    {
        VolDynamics.StickyStrike => 0,
        VolDynamics.StickyMoneyness => 1,
        _ => null,
    };

    /// <summary>Whether the kernels can run the plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="reason">Why not, in words; null when supported.</param>
    /// <returns>True when supported.</returns>
    public static bool Supports(RevaluationPlan plan, out string? reason)
    {
        if (DistributionCode(plan.Distribution.Kind) is null)
            reason = $"the CUDA kernels do not implement the factor distribution '{plan.Distribution}'";
        else if (plan.Distribution.Kind == DistributionKind.FilteredHistorical && FhsProblem(plan) is { } problem)
            reason = $"the CUDA kernels cannot run this filtered historical simulation: {problem}";
        else if (VolDynamicsCode(plan.VolDynamics) is null)
            reason = $"the CUDA kernels do not implement the vol dynamics '{plan.VolDynamics}'";
        else if (Array.FindIndex(plan.Kind, k => k is not (RevaluationKind.Linear or RevaluationKind.Option or RevaluationKind.ExpiringOption)) is int i and >= 0)
            reason = $"the CUDA kernels do not implement the revaluation kind '{plan.Kind[i]}' of instrument '{plan.InstrumentIds[i]}'";
        else
            reason = null;
        return reason is null;
    }

    /// <summary>What in a filtered-historical-simulation plan the kernel (<c>sm_fhs_factors</c>) cannot take, or null.
    /// The kernel keeps the residual sums in the output rows of the history factors while it writes the
    /// conditional-normal ones, so the two factor lists must split the factors (each exactly once); the array lengths
    /// must be those the kernel indexes with.</summary>
    /// <param name="plan">A plan with <see cref="DistributionKind.FilteredHistorical"/>.</param>
    /// <returns>The problem in words, or null.</returns>
    private static string? FhsProblem(RevaluationPlan plan)
    {
        if (plan.Fhs is not { } fhs) return "the plan carries no filtered history";
        int nf = plan.FactorCount, h = fhs.HistoricalCount, m = fhs.GaussianFactor.Length;
        var seen = new bool[nf];
        foreach (int f in fhs.HistoricalFactor.Concat(fhs.GaussianFactor))
        {
            if (f < 0 || f >= nf || seen[f]) return "the history factors and the conditional-normal factors do not split the factors";
            seen[f] = true;
        }
        if (h + m != nf) return "the history factors and the conditional-normal factors do not split the factors";
        if (fhs.Days < 1 || fhs.DateCount < fhs.Days) return $"{fhs.DateCount} sample dates for {fhs.Days} days per path";
        if (fhs.Residuals.Length != (long)fhs.DateCount * h || fhs.Regression.Length != m * h || fhs.ConditionalLoading.Length != m * m)
            return "the residual, regression or conditional loading matrix has the wrong size";
        return null;
    }

    /// <summary>Throws unless <see cref="Supports"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <exception cref="CudaUnavailableException">Not supported (reason <see cref="CudaUnavailableReason.UnsupportedPlan"/>).</exception>
    public static void EnsureSupported(RevaluationPlan plan)
    {
        if (!Supports(plan, out string? reason)) throw new CudaUnavailableException(CudaUnavailableReason.UnsupportedPlan, reason!);
    }
}
