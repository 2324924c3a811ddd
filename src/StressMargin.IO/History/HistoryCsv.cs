using System.Globalization;
using StressMargin.Core;
using StressMargin.Core.Calibration;
using StressMargin.IO.Csv;
using StressMargin.IO.Plausibility;

namespace StressMargin.IO.History;

/// <summary>
/// Reads a daily price history CSV (docs/formats.md, "Price history"): a <c>date</c> column (<c>yyyy-MM-dd</c>) and one column per
/// price series (an underlying's closes or a vol index's levels), named freely. Strict, on top of
/// <see cref="CsvTableReader"/>:
/// <list type="bullet">
/// <item>dates strictly increasing (oldest first); a repeated date or an earlier one is an error;</item>
/// <item><see cref="HistoryCalendar.Daily"/>: every calendar day between the first and last row has a row — a missing
/// day is a gap and an error; <see cref="HistoryCalendar.Business"/>: weekdays only, missing weekdays (holidays)
/// allowed, but no step between rows longer than <see cref="HistoryCalendars.MaxBusinessGapDays"/> days;</item>
/// <item>every price is a finite number &gt; 0; a cell may be empty only before its column's first price (a series
/// that starts later); an empty cell after it is a gap and an error (gaps are never filled).</item>
/// </list>
/// </summary>
public static class HistoryCsv
{
    /// <summary>The one required column.</summary>
    public const string DateColumn = "date";

    /// <summary>Reads and checks a history file.</summary>
    /// <param name="path">File path (as it should appear in messages).</param>
    /// <param name="calendar">The calendar the rows must follow.</param>
    /// <param name="warnings">Receives a warning for each one-day move beyond ×2 or ÷2 (<see cref="Bounds.WarnDailyRatio"/>); null ignores them.</param>
    /// <returns>The history.</returns>
    /// <exception cref="InputException">Missing file or <c>date</c> column, no price column, a bad date, unsorted or
    /// duplicate dates, a gap, a weekend row in a business-day history, a non-positive or unparsable price, fewer than
    /// two rows, a one-day move beyond ×10 or ÷10 (<see cref="Bounds.MaxDailyRatio"/>: a typo in a close); each at
    /// <c>file:line:column</c>.</exception>
    public static PriceHistory Read(string path, HistoryCalendar calendar, InputWarnings? warnings = null)
    {
        using var csv = CsvTableReader.Open(path, [DateColumn], allowOtherColumns: true);
        var names = csv.ColumnNames.Where(c => c != DateColumn).ToArray();
        if (names.Length == 0)
            throw new InputException(new SourceLocation(path, 1), "a history needs at least one price column after 'date' (e.g. date,BTC,ETH)");
        int emptyName = Array.IndexOf(csv.ColumnNames.ToArray(), "");
        if (emptyName >= 0) throw new InputException(new SourceLocation(path, 1, emptyName + 1), "a history column needs a name (the underlying or vol index it holds)");
        var columnNumbers = csv.ColumnNames.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i + 1, StringComparer.Ordinal);

        var dates = new List<DateOnly>();
        var lines = new List<int>();
        var prices = names.Select(_ => new List<double>()).ToArray();
        var firstRow = names.Select(_ => -1).ToArray();
        int dateColumn = columnNumbers[DateColumn];
        while (csv.Read())
        {
            string text = csv.Required(DateColumn, "a date such as 2020-03-12");
            if (!IsoTime.TryParseDate(text, out var date))
                throw new InputException(csv.Location(DateColumn), $"date: expected a date such as 2020-03-12 (yyyy-MM-dd), got '{text}'");
            if (calendar == HistoryCalendar.Business && date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                throw new InputException(csv.Location(DateColumn), $"date {IsoTime.FormatDate(date)} is a {date.DayOfWeek}; calendar: business allows weekdays only (use calendar: daily for a 7-day market)");
            int row = dates.Count;
            dates.Add(date);
            lines.Add(csv.Line);
            for (int c = 0; c < names.Length; c++)
            {
                string? cell = csv.Optional(names[c]);
                if (cell is null)
                {
                    if (firstRow[c] >= 0)
                        throw new InputException(csv.Location(names[c]),
                            $"{names[c]}: no price on {IsoTime.FormatDate(date)}; a column may be empty only before its first price (the series had started on {IsoTime.FormatDate(dates[firstRow[c]])}, and gaps are not filled)");
                    prices[c].Add(double.NaN);
                    continue;
                }
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || !(v > 0))
                    throw new InputException(csv.Location(names[c]), $"{names[c]}: expected a positive price, got '{cell}'");
                if (firstRow[c] < 0) firstRow[c] = row;
                else CheckDailyMove(csv.Location(names[c]), names[c], v, prices[c][^1], date, dates[^2], warnings);
                prices[c].Add(v);
            }
        }
        if (dates.Count < 2) throw new InputException(new SourceLocation(path, lines.Count > 0 ? lines[^1] : 1), $"a history needs at least two rows (dates), found {dates.Count}");
        CheckOrder(path, dateColumn, dates, lines);
        CheckCalendar(path, dateColumn, calendar, dates, lines);
        for (int c = 0; c < names.Length; c++)
            if (firstRow[c] < 0) throw new InputException(new SourceLocation(path, 1, columnNumbers[names[c]]), $"column '{names[c]}' has no prices");
        var series = names.Select((n, c) => new HistorySeries(n, columnNumbers[n], firstRow[c], prices[c].ToArray())).ToArray();
        return new PriceHistory(path, calendar, dates, series);
    }

    /// <summary>A one-day move beyond ×10 or ÷10 is an error (a close mistyped by a factor of 10 or more); beyond ×2 or
    /// ÷2 a warning. The real BTC, ETH and SOL closes since 2014 move at most ×1.73 in a day (ETH on 2020-03-12).</summary>
    private static void CheckDailyMove(SourceLocation at, string column, double price, double previous, DateOnly date, DateOnly previousDate, InputWarnings? warnings)
    {
        double ratio = price / previous;
        string move = ratio >= 1 ? $"×{Ratio(ratio)}" : $"÷{Ratio(1 / ratio)}";
        string what = $"{column}: {Bounds.Text(price)} on {IsoTime.FormatDate(date)} is {move} the previous close {Bounds.Text(previous)} ({IsoTime.FormatDate(previousDate)})";
        if (ratio > Bounds.MaxDailyRatio || ratio < 1 / Bounds.MaxDailyRatio)
            throw new InputException(at, $"{what}; a one-day move beyond ×{Bounds.MaxDailyRatio} or ÷{Bounds.MaxDailyRatio} is taken for a typo in the price");
        if (ratio > Bounds.WarnDailyRatio || ratio < 1 / Bounds.WarnDailyRatio)
            warnings?.Add("daily_return", at, $"{what}, a one-day move beyond ×{Bounds.WarnDailyRatio} or ÷{Bounds.WarnDailyRatio}");
    }

    private static string Ratio(double r) => r.ToString(r < 100 ? "0.###" : "#,0", CultureInfo.InvariantCulture);

    /// <summary>Dates strictly increasing: the first repeated or earlier date is the error (checked over the whole file
    /// before gaps, so that two swapped rows are reported as unsorted, not as a gap).</summary>
    private static void CheckOrder(string path, int column, List<DateOnly> dates, List<int> lines)
    {
        for (int i = 1; i < dates.Count; i++)
        {
            var at = new SourceLocation(path, lines[i], column);
            if (dates[i] == dates[i - 1]) throw new InputException(at, $"date {IsoTime.FormatDate(dates[i])} appears twice (also on line {lines[i - 1]})");
            if (dates[i] < dates[i - 1])
                throw new InputException(at, $"dates out of order: {IsoTime.FormatDate(dates[i])} comes after {IsoTime.FormatDate(dates[i - 1])} (line {lines[i - 1]}); rows must be sorted by date, oldest first");
        }
    }

    private static void CheckCalendar(string path, int column, HistoryCalendar calendar, List<DateOnly> dates, List<int> lines)
    {
        for (int i = 1; i < dates.Count; i++)
        {
            var (p, date) = (dates[i - 1], dates[i]);
            var at = new SourceLocation(path, lines[i], column);
            int step = date.DayNumber - p.DayNumber;
            if (calendar == HistoryCalendar.Daily && step > 1)
                throw new InputException(at, $"gap: no row for {IsoTime.FormatDate(p.AddDays(1))}{(step > 2 ? $" … {IsoTime.FormatDate(date.AddDays(-1))} ({step - 1} days)" : "")} before {IsoTime.FormatDate(date)}; calendar: daily needs a row for every calendar day");
            if (calendar == HistoryCalendar.Business && step > HistoryCalendars.MaxBusinessGapDays)
                throw new InputException(at, $"gap: {step} days from {IsoTime.FormatDate(p)} to {IsoTime.FormatDate(date)}; calendar: business allows at most {HistoryCalendars.MaxBusinessGapDays} days between rows (weekends and holidays)");
        }
    }
}
