namespace StressMargin.Core.Calibration;

/// <summary>One row of a log-basis history (docs/formats.md §4.11, <c>deribit_log_basis_daily.csv</c>): a dated future's
/// log-basis against the perpetual at one snapshot.</summary>
/// <param name="Time">Snapshot time (UTC).</param>
/// <param name="Underlying">Underlying symbol, e.g. BTC.</param>
/// <param name="Future">The future's instrument id, e.g. BTC-27MAR26.</param>
/// <param name="DaysToExpiry">Calendar days from the snapshot to the future's expiry.</param>
/// <param name="Perpetual">The perpetual's mark (USD), the spot proxy.</param>
/// <param name="LogBasis">b = ln(F / perpetual).</param>
/// <param name="Source">The row's location, for errors.</param>
public sealed record BasisObservation(DateTimeOffset Time, string Underlying, string Future, double DaysToExpiry, double Perpetual, double LogBasis, SourceLocation? Source = null);
