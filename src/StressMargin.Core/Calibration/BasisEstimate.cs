namespace StressMargin.Core.Calibration;

/// <summary>The basis factors of one underlying estimated from a log-basis history (<see cref="BasisCalibrator"/>).</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="BucketDays">Bucket upper bounds in calendar days to expiry, length K.</param>
/// <param name="VolsAnnualized">σ_k, annualized decimal vol of the daily log-basis change of bucket k, length K.</param>
/// <param name="Observations">Daily changes behind σ_k, length K.</param>
/// <param name="SpotCorrelation">Correlation of bucket k's log-basis change with the perpetual's log return, length K.</param>
/// <param name="BucketCorrelation">Correlation between the buckets' log-basis changes, <c>[k, l]</c>, K × K (unit diagonal).</param>
public sealed record BasisEstimate(string Underlying, int[] BucketDays, double[] VolsAnnualized, int[] Observations, double[] SpotCorrelation, double[,] BucketCorrelation);
