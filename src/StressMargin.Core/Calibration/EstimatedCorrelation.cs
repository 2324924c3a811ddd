using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// Correlations estimated from the history between the factors calibrated from it, pairwise: each pair over the
/// returns both series have (pairwise-complete observations), ρ_ij = m(r_i, r_j)/√(m(r_i, r_i)·m(r_j, r_j)) with
/// the calibration's zero-mean estimator m. Pairwise estimates over different spans need not form a positive
/// semi-definite matrix.
/// </summary>
/// <param name="Factors">The factors, in model factor order.</param>
/// <param name="Matrix">Correlation matrix <c>[i, j]</c>, unit diagonal, symmetric.</param>
/// <param name="Observations">Returns each pair's estimate rests on <c>[i, j]</c>.</param>
public sealed record EstimatedCorrelation(IReadOnlyList<FactorId> Factors, double[,] Matrix, int[,] Observations);
