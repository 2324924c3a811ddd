namespace StressMargin.Core.Calibration;

/// <summary>What to do with a correlation matrix estimated from history that is not positive semi-definite.</summary>
public enum CorrelationRepairMode
{
    /// <summary>It is an input error (default).</summary>
    None,
    /// <summary>Replace it by the nearest correlation matrix (Higham 2002) and report the size of the change.</summary>
    Nearest,
}

/// <summary>
/// The scenario file's <c>calibration</c> block (docs/formats.md, "calibration"): where the price history is, how vols and
/// correlations are estimated from it, and which anti-procyclicality tools apply.
/// </summary>
/// <param name="HistoryPath">Absolute path of the history CSV.</param>
/// <param name="Calendar">The history's calendar.</param>
/// <param name="Estimator">Estimator of vols (unless an underlying overrides λ or the minimum) and correlations.</param>
/// <param name="MaxStaleDays">Most calendar days between the last history row used and the day before as_of.</param>
/// <param name="Apc">Anti-procyclicality tools.</param>
/// <param name="EstimateCorrelation">Estimate the correlations between factors calibrated from history (true), or
/// take every correlation from the scenario's correlation block (false).</param>
/// <param name="Repair">What to do with an estimated matrix that is not positive semi-definite.</param>
/// <param name="Source">Where the block was defined.</param>
/// <param name="CorrelationSource">Where <c>calibration.correlation</c> was defined (or the block), for the
/// not-positive-semi-definite error.</param>
/// <param name="HistorySource">Where <c>calibration.history</c> was written, for "file not found" (checked when the
/// history is read, so that <c>backtest --history</c> can replace a missing file).</param>
public sealed record CalibrationSettings(
    string HistoryPath,
    HistoryCalendar Calendar,
    VolEstimator Estimator,
    int MaxStaleDays,
    ApcSettings Apc,
    bool EstimateCorrelation,
    CorrelationRepairMode Repair,
    SourceLocation? Source = null,
    SourceLocation? CorrelationSource = null,
    SourceLocation? HistorySource = null)
{
    /// <summary>Default <see cref="MaxStaleDays"/>: 4 (a long weekend of a business-day history).</summary>
    public const int DefaultMaxStaleDays = 4;

    /// <summary>
    /// The last history date a model valued at <paramref name="asOf"/> may use: a row dated D is the close of day D,
    /// known from D + 1 day 00:00 UTC, so the cut-off is the UTC date of as_of − 1 day (as_of 2025-02-12T00:00:00Z →
    /// 2025-02-11; 2026-02-05T09:36:47Z → 2026-02-04).
    /// </summary>
    /// <param name="asOf">Valuation instant.</param>
    /// <returns>The cut-off date.</returns>
    public static DateOnly CutoffDate(DateTimeOffset asOf) => DateOnly.FromDateTime(asOf.UtcDateTime.AddDays(-1));
}
