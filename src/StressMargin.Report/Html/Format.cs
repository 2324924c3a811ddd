using System.Globalization;
using System.Net;

namespace StressMargin.Report.Html;

/// <summary>How reports show numbers and text: invariant culture, thousands separators, HTML-escaped.</summary>
internal static class Format
{
    /// <summary>USD rounded to the dollar, e.g. <c>1,234,567</c>; empty for NaN.</summary>
    public static string Usd(double v) => double.IsNaN(v) ? "" : (Math.Round(v) == 0 ? 0.0 : v).ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with <paramref name="digits"/> decimals, e.g. <c>55.20 %</c>; empty for NaN.</summary>
    public static string Pct(double v, int digits = 2) => double.IsNaN(v) ? "" : (v * 100).ToString("F" + digits, CultureInfo.InvariantCulture) + " %";

    /// <summary>A plain number in invariant culture with <paramref name="format"/>.</summary>
    public static string Num(double v, string format) => double.IsNaN(v) ? "" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The exact value as the CSV outputs write it (shortest round-trip, −0 as 0, NaN empty), for <c>data-value</c>.</summary>
    public static string Exact(double v) => double.IsNaN(v) ? "" : (v == 0 ? 0.0 : v).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes text for element content and attribute values.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A summary card: a label over a large value; <paramref name="tone"/> <c>good</c>, <c>warn</c> or <c>bad</c> colours it.</summary>
    public static string Card(string id, string label, string value, string? tone = null) =>
        $"<div class=\"card{(tone is null ? "" : " " + tone)}\" id=\"{Escape(id)}\"><div class=\"label\">{Escape(label)}</div><div class=\"value\">{Escape(value)}</div></div>";

    /// <summary>A date as <c>yyyy-MM-dd</c> (plot axes).</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant as <c>yyyy-MM-dd HH:mm:ss UTC</c>.</summary>
    public static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
