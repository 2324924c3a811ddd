namespace StressMargin.Core.MarketData;

/// <summary>
/// Time in years, ACT/365 Fixed, measured to the second: (t2 − t1) in seconds / (365 × 86,400).
/// Every time to expiry, horizon and total variance in the engine uses this convention.
/// </summary>
public static class YearFraction
{
    /// <summary>Calendar days in a year, 365: a horizon or time to expiry of d days is d / 365 years.</summary>
    public const double DaysPerYear = 365.0;

    /// <summary>Seconds in a 365-day year.</summary>
    public const double SecondsPerYear = DaysPerYear * 86_400.0;

    /// <summary>Years from <paramref name="from"/> to <paramref name="to"/> (negative if <paramref name="to"/> is earlier).</summary>
    /// <param name="from">Start instant.</param>
    /// <param name="to">End instant.</param>
    /// <returns>ACT/365 year fraction.</returns>
    public static double Between(DateTimeOffset from, DateTimeOffset to) => (to - from).Ticks / (double)TimeSpan.TicksPerSecond / SecondsPerYear;
}
