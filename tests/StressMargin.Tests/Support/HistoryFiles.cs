using System.Globalization;
using System.Text;

namespace StressMargin.Tests.Support;

/// <summary>
/// Builds history CSVs for tests: synthetic series from closed-form returns, and real series taken from the
/// Yahoo-format fixtures of tests/StressMargin.Tests/Data.
/// </summary>
internal static class HistoryFiles
{
    /// <summary>
    /// A daily history of the given columns from <paramref name="start"/>: one row per calendar day, column c's close
    /// on row t is 100·exp(Σ_{s ≤ t} returns(c, s)) (row 0 has no return). A cell is empty while returns gives NaN on
    /// row 0 … (a series that starts later): pass NaN for the rows before a column's first price.
    /// </summary>
    public static string Synthetic(DateOnly start, int rows, string[] columns, Func<int, int, double> returns, double[]? first = null)
    {
        var sb = new StringBuilder("date," + string.Join(",", columns) + "\n");
        var level = columns.Select((_, c) => first?[c] ?? 100.0).ToArray();
        var started = new bool[columns.Length];
        for (int t = 0; t < rows; t++)
        {
            sb.Append(start.AddDays(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            for (int c = 0; c < columns.Length; c++)
            {
                double r = returns(c, t);
                sb.Append(',');
                if (double.IsNaN(r)) continue;
                if (started[c]) level[c] *= Math.Exp(r);
                started[c] = true;
                sb.Append(level[c].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>(date, close) rows of a Yahoo-format fixture (<c>Date,Close,…</c>) in tests/StressMargin.Tests/Data.</summary>
    public static (DateOnly Date, string Close)[] YahooCloses(string file) =>
        File.ReadLines(RepoPaths.Combine("tests", "StressMargin.Tests", "Data", file)).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (DateOnly.ParseExact(f[0][..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[1]))
            .ToArray();

    /// <summary>A one-column history <c>date,NAME</c> from a Yahoo fixture's closes, text unchanged.</summary>
    public static string FromYahoo(string file, string column) =>
        $"date,{column}\n" + string.Concat(YahooCloses(file).Select(r => $"{r.Date:yyyy-MM-dd},{r.Close}\n"));
}
