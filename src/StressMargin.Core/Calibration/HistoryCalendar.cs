using StressMargin.Core.MarketData;

namespace StressMargin.Core.Calibration;

/// <summary>
/// The calendar of a daily price history: which dates must have a row, and how many rows make a year (used to
/// annualize daily vols: σ_annual = σ_daily·√P).
/// </summary>
public enum HistoryCalendar
{
    /// <summary>Every calendar day has a row (crypto markets trade 7 days a week); P = 365. A missing day is an error.</summary>
    Daily,
    /// <summary>Weekdays only (Monday to Friday); exchange holidays may be missing, but no gap between consecutive rows
    /// may exceed <see cref="HistoryCalendars.MaxBusinessGapDays"/> calendar days; P = 252.</summary>
    Business,
}

/// <summary>Properties of <see cref="HistoryCalendar"/> values.</summary>
public static class HistoryCalendars
{
    /// <summary>Longest allowed step between consecutive rows of a business-day history, in calendar days (a week:
    /// a weekend plus up to three holidays, or a whole week's market closure).</summary>
    public const int MaxBusinessGapDays = 7;

    /// <summary>Rows per year P used to annualize: 365 for <see cref="HistoryCalendar.Daily"/>, 252 for
    /// <see cref="HistoryCalendar.Business"/> (RiskMetrics Technical Document, 1996, §5.2: √252 for trading days).</summary>
    /// <param name="calendar">The calendar.</param>
    /// <returns>P.</returns>
    public static int PeriodsPerYear(this HistoryCalendar calendar) => calendar == HistoryCalendar.Daily ? 365 : 252;

    /// <summary>The file spelling: <c>daily</c> or <c>business</c>.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <returns>The name.</returns>
    public static string Name(this HistoryCalendar calendar) => calendar == HistoryCalendar.Daily ? "daily" : "business";

    /// <summary>Reads the file spelling of a calendar (the inverse of <see cref="Name"/>); a value left out (null) is
    /// <see cref="HistoryCalendar.Daily"/>, the default.</summary>
    /// <param name="name"><c>daily</c>, <c>business</c> or null.</param>
    /// <param name="calendar">The calendar; <see cref="HistoryCalendar.Daily"/> when the name is not recognized.</param>
    /// <returns>False for any other text (case-sensitive).</returns>
    public static bool TryParse(string? name, out HistoryCalendar calendar)
    {
        calendar = name == "business" ? HistoryCalendar.Business : HistoryCalendar.Daily;
        return name is null or "daily" or "business";
    }

    /// <summary>
    /// History rows D that make up a horizon of <paramref name="horizonDays"/> calendar days: D = max(1,
    /// round(horizon_days·P/365)), rounding halves up; for the daily calendar D = horizon_days when it is whole.
    /// </summary>
    /// <param name="calendar">The calendar.</param>
    /// <param name="horizonDays">Horizon in calendar days, positive.</param>
    /// <returns>D ≥ 1.</returns>
    public static int HorizonRows(this HistoryCalendar calendar, double horizonDays) =>
        Math.Max(1, (int)Math.Round(horizonDays * calendar.PeriodsPerYear() / YearFraction.DaysPerYear, MidpointRounding.AwayFromZero));
}
