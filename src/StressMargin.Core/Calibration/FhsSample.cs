using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// The filtered history of filtered historical simulation (Barone-Adesi, Giannopoulos &amp; Vosper 1999): for every
/// factor calibrated from the history and every sample date t, the standardized residual z_t = r_t / σ_{t|t−1},
/// the daily log return divided by the estimator's one-day-ahead vol forecast from the returns before t. Sample
/// dates are the rows, up to the calibration date, on which every factor has a return with at least its minimum
/// number of earlier returns; they are consecutive history rows, so joint draws keep the cross-asset dependence.
/// </summary>
/// <param name="Factors">Factors with history, in model factor order (H of them).</param>
/// <param name="Dates">Sample dates, oldest first (N of them).</param>
/// <param name="Residuals">z, <c>[date, factor]</c> row-major, length N·H.</param>
/// <param name="HorizonRows">D, the history rows (days of the calendar) summed per path.</param>
public sealed record FhsSample(IReadOnlyList<FactorId> Factors, IReadOnlyList<DateOnly> Dates, double[] Residuals, int HorizonRows);
