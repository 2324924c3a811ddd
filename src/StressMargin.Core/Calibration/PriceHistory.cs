namespace StressMargin.Core.Calibration;

/// <summary>
/// One column of a price history: the closes of one underlying (or the levels of one vol index) by row.
/// A column may start late (its first rows empty, before the series begins) but has a positive price on every row
/// from <see cref="FirstRow"/> to the last row of the file.
/// </summary>
/// <param name="Column">Header name, e.g. <c>BTC</c> or <c>VIX</c>.</param>
/// <param name="ColumnNumber">1-based field number in the file, for messages.</param>
/// <param name="FirstRow">Row index (0-based, into <see cref="PriceHistory.Dates"/>) of the first price.</param>
/// <param name="Prices">Price by row, USD (or index points); NaN before <see cref="FirstRow"/>; positive from it on.</param>
public sealed record HistorySeries(string Column, int ColumnNumber, int FirstRow, double[] Prices)
{
    /// <summary>The daily log return dated at row t: r_t = ln(P_t / P_{t−1}), defined for t &gt; <see cref="FirstRow"/>.</summary>
    /// <param name="row">Row index t, FirstRow &lt; t &lt; rows.</param>
    /// <returns>r_t.</returns>
    public double LogReturn(int row) => Math.Log(Prices[row] / Prices[row - 1]);
}

/// <summary>
/// A daily price history as read from a history CSV (docs/formats.md, "Price history"): one row per date, oldest first, and
/// one <see cref="HistorySeries"/> per price column. The reader has checked the calendar (no gaps, sorted dates),
/// so consecutive rows are consecutive days of <see cref="Calendar"/>.
/// </summary>
public sealed class PriceHistory
{
    private readonly Dictionary<string, HistorySeries> _series;

    /// <summary>Creates the history.</summary>
    /// <param name="file">Path of the file, for messages.</param>
    /// <param name="calendar">The calendar the rows follow.</param>
    /// <param name="dates">Row dates, strictly increasing, at least two.</param>
    /// <param name="series">The price columns, each with one price slot per row.</param>
    /// <exception cref="ArgumentException">Fewer than two rows, or a series whose length differs from the dates.</exception>
    public PriceHistory(string file, HistoryCalendar calendar, IReadOnlyList<DateOnly> dates, IReadOnlyList<HistorySeries> series)
    {
        if (dates.Count < 2) throw new ArgumentException("a history needs at least two rows", nameof(dates));
        if (series.Any(s => s.Prices.Length != dates.Count)) throw new ArgumentException("every series needs one price slot per row", nameof(series));
        File = file;
        Calendar = calendar;
        Dates = dates.ToArray();
        Columns = series;
        _series = series.ToDictionary(s => s.Column, StringComparer.Ordinal);
    }

    /// <summary>Path of the file.</summary>
    public string File { get; }

    /// <summary>The calendar.</summary>
    public HistoryCalendar Calendar { get; }

    /// <summary>Row dates, oldest first.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The price columns in file order.</summary>
    public IReadOnlyList<HistorySeries> Columns { get; }

    /// <summary>Location of a column's header cell (line 1), or of the file when the column is unknown.</summary>
    /// <param name="column">Header name.</param>
    /// <returns>file:1:column.</returns>
    public SourceLocation HeaderLocation(string? column = null) =>
        column is not null && _series.TryGetValue(column, out var s) ? new SourceLocation(File, 1, s.ColumnNumber) : new SourceLocation(File, 1);

    /// <summary>The series of a column, or null.</summary>
    /// <param name="column">Header name.</param>
    /// <returns>The series or null.</returns>
    public HistorySeries? Series(string column) => _series.GetValueOrDefault(column);

    /// <summary>Index of the last row dated on or before <paramref name="date"/>, or −1 when every row is later.</summary>
    /// <param name="date">The date.</param>
    /// <returns>Row index or −1.</returns>
    public int LastRowOnOrBefore(DateOnly date)
    {
        int lo = 0, hi = Dates.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Dates[mid] <= date) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}
