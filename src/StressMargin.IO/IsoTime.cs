using System.Globalization;

namespace StressMargin.IO;

/// <summary>ISO 8601 instants as the input formats spell them: UTC with <c>Z</c> or an explicit offset, or a bare date
/// (00:00Z); and calendar dates <c>yyyy-MM-dd</c> (history rows, backtest and stress dates).</summary>
public static class IsoTime
{
    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd"];
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Parses a UTC instant.</summary>
    /// <param name="text">Exactly one of: <c>2026-03-27T08:00:00Z</c> (fractional seconds allowed, e.g.
    /// <c>08:00:00.412509Z</c>), the same with an explicit <c>±hh:mm</c> offset, or a bare date <c>2026-03-27</c>.</param>
    /// <param name="value">The instant converted to offset zero.</param>
    /// <returns>False for anything else (a date-time without a zone, a missing <c>T</c>, one-digit fields, …).</returns>
    public static bool TryParseUtc(string text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            value = new DateTimeOffset(date, TimeSpan.Zero);
            return true;
        }
        bool zoned = text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!zoned || !DateTimeOffset.TryParseExact(text.EndsWith('Z') ? text[..^1] + "+00:00" : text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return false;
        value = t.ToUniversalTime();
        return true;
    }

    /// <summary>Parses a calendar date spelled exactly <c>yyyy-MM-dd</c> (no surrounding blanks, no time).</summary>
    /// <param name="text">E.g. <c>2020-03-12</c>.</param>
    /// <param name="value">The date.</param>
    /// <returns>False for anything else (<c>2020/03/12</c>, <c>2020-3-12</c>, …).</returns>
    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Formats a calendar date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">Date.</param>
    /// <returns>ISO 8601 date text.</returns>
    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as <c>yyyy-MM-ddTHH:mm:ssZ</c> (with fractional seconds only when present).</summary>
    /// <param name="value">Instant.</param>
    /// <returns>ISO 8601 UTC text.</returns>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
