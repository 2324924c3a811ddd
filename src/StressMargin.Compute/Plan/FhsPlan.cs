namespace StressMargin.Compute.Plan;

/// <summary>
/// The flattened filtered history of a plan with <c>distribution: fhs</c> (docs/model.md, "Filtered historical simulation"), ready to copy to a
/// device. H factors have history (their standardized residuals are drawn by date); the other M = 2U − H factors are
/// drawn as normals conditional on them under the model's correlation R:
/// <code>
/// ε_h = Σ_{d&lt;D} Z[t_d, h] / √D                          (factor with history, column h of Z)
/// ε_m = Σ_h B[m, h]·ε_h + Σ_l C[m, l]·z_{g_l}               (factor without history; z = the (path, step 0) normals)
/// x_f = σ_f·√h_years·ε_f − ½σ_f²·h_years                   (FactorVolPerStep, FactorDrift of the plan; S = 1)
/// B = R_mh·R_hh⁺,   C·Cᵀ = R_mm − B·R_hm
/// </code>
/// Dates t_d are drawn by <see cref="StressMargin.Core.RiskModel.HistoricalDateDraw"/>: with consecutive days one
/// start t_0 among N − D + 1 and t_d = t_0 + d; with independent days each t_d among N.
/// </summary>
public sealed class FhsPlan
{
    /// <summary>N, sample dates.</summary>
    public required int DateCount { get; init; }
    /// <summary>Standardized residuals Z <c>[date, h]</c> row-major, length N·H.</summary>
    public required double[] Residuals { get; init; }
    /// <summary>Factor index f of history column h, length H.</summary>
    public required int[] HistoricalFactor { get; init; }
    /// <summary>Factor index f of conditional-normal factor m, length M (ascending).</summary>
    public required int[] GaussianFactor { get; init; }
    /// <summary>B <c>[m, h]</c> row-major, length M·H.</summary>
    public required double[] Regression { get; init; }
    /// <summary>C <c>[m, l]</c> row-major, length M·M, with C·Cᵀ the conditional correlation.</summary>
    public required double[] ConditionalLoading { get; init; }
    /// <summary>D, days (history rows) per path.</summary>
    public required int Days { get; init; }
    /// <summary>True: consecutive days from one start date; false: independent dates.</summary>
    public required bool Consecutive { get; init; }

    /// <summary>H, factors with history.</summary>
    public int HistoricalCount => HistoricalFactor.Length;
    /// <summary>Candidates of one date draw: N − D + 1 (consecutive) or N (independent).</summary>
    public int Candidates => Consecutive ? DateCount - Days + 1 : DateCount;
}
