namespace StressMargin.Core.Calibration;

/// <summary>
/// A <c>risk_factors</c> entry's <c>calibrate:</c> block: estimate the underlying's spot vol (and, with a vol index,
/// its vol of vol and the correlations of its vol factor) from the scenario's price history instead of fixed numbers.
/// </summary>
/// <param name="Column">History column of the underlying's closes (default: the underlying symbol).</param>
/// <param name="VolIndexColumn">History column of a vol index (e.g. a DVOL or VIX series) whose daily log changes
/// stand for the vol factor y; null: vol of vol and the vol factor's correlations come from the scenario file.</param>
/// <param name="Lambda">EWMA decay for this underlying's vols, overriding <c>calibration.lambda</c>; null keeps it.</param>
/// <param name="MinObservations">Fewest returns for this underlying, overriding <c>calibration.min_observations</c>.</param>
/// <param name="Source">Where it was defined, for errors.</param>
public sealed record CalibrateSpec(string Column, string? VolIndexColumn = null, double? Lambda = null, int? MinObservations = null, SourceLocation? Source = null)
{
    /// <summary>The estimator for this underlying: the calibration's, with this entry's overrides.</summary>
    /// <param name="common">The calibration block's estimator.</param>
    /// <returns>The estimator.</returns>
    public VolEstimator EstimatorFrom(VolEstimator common) =>
        common with { Lambda = Lambda ?? common.Lambda, MinObservations = MinObservations ?? common.MinObservations };
}
