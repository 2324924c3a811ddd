namespace StressMargin.Core.Margin.AddOns;

/// <summary>
/// Market depth of one instrument, a row of <c>depth.csv</c>: open interest and traded volume over the last 24 hours,
/// both in contracts (the quantity unit of <c>positions.csv</c>; one Deribit option or future is one coin).
/// </summary>
/// <param name="OpenInterest">Contracts open, ≥ 0, or null when unknown.</param>
/// <param name="Volume24h">Contracts traded in the last 24 hours, ≥ 0, or null when unknown.</param>
/// <param name="Source">Where the row was read, or null.</param>
public sealed record InstrumentDepth(double? OpenInterest, double? Volume24h, SourceLocation? Source = null)
{
    /// <summary>
    /// The daily volume V (contracts per day) that the square-root impact model divides by: the 24-hour volume when it
    /// is positive, else <paramref name="openInterestTurnover"/> × open interest when that is positive, else null (the
    /// instrument has no usable depth).
    /// </summary>
    /// <param name="openInterestTurnover">Fraction of open interest assumed to trade per day (<see cref="MarketImpactSettings.OpenInterestTurnover"/>).</param>
    /// <returns>Contracts per day, or null.</returns>
    public double? DailyVolume(double openInterestTurnover) =>
        Volume24h is > 0 ? Volume24h : OpenInterest is > 0 ? openInterestTurnover * OpenInterest : null;
}
