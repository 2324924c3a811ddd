using System.Globalization;

namespace StressMargin.IO;

/// <summary>ISO 8601 instants as the input formats spell them: UTC with <c>Z</c> or an explicit offset, or a bare date (00:00Z).</summary>
public static class IsoTime
{
    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd"];

    /// <summary>Parses a UTC instant.</summary>
    /// <param name="text">E.g. <c>2026-03-27T08:00:00Z</c>, <c>2026-03-27T08:00:00.5+00:00</c> or <c>2026-03-27</c>.</param>
    /// <param name="value">The instant converted to offset zero.</param>
    /// <returns>False when the text is not such an instant (a date-time without a zone is rejected).</returns>
    public static bool TryParseUtc(string text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            value = new DateTimeOffset(date, TimeSpan.Zero);
            return true;
        }
        bool hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!hasZone || !text.Contains('T', StringComparison.OrdinalIgnoreCase)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t)) return false;
        value = t.ToUniversalTime();
        return true;
    }

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
