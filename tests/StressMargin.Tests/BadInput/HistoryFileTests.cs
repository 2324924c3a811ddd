using static StressMargin.Tests.BadInput.CalibratedFixture;
using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Bad price-history files: each gives one clear error at history.csv:LINE:COLUMN and exit code 3.</summary>
public class HistoryFileTests
{
    [Fact]
    public void TheFixtureIsValid()
    {
        using var f = Create();
        var run = f.Run();
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Path.Combine(f.OutDir, "calibration.csv")));
    }

    [Fact]
    public void MissingCalendarDayIsAGap()
    {
        using var f = Create();
        f.Replace(History, "2026-01-10,", "REMOVED,");
        f.Set(History, string.Concat(f.Text(History).Split('\n').Where(l => !l.StartsWith("REMOVED", StringComparison.Ordinal)).Select(l => l.Length > 0 ? l + "\n" : "")));
        Fails(f, History, Line(1, 10), 1, "gap: no row for 2026-01-10 before 2026-01-11; calendar: daily needs a row for every calendar day");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-250.5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    public void NonPositiveOrUnparsablePrice(string price)
    {
        using var f = Create();
        f.Replace(History, "2026-01-05,70000,", $"2026-01-05,{price},");
        Fails(f, History, Line(1, 5), 2, $"BTC: expected a positive price, got '{price}'");
    }

    [Fact]
    public void UnsortedDates()
    {
        using var f = Create();
        f.Replace(History, "2026-01-05,", "2026-01-0X,").Replace(History, "2026-01-06,", "2026-01-05,").Replace(History, "2026-01-0X,", "2026-01-06,");
        Fails(f, History, Line(1, 6), 1, "dates out of order: 2026-01-05 comes after 2026-01-06 (line 6); rows must be sorted by date, oldest first");
    }

    [Fact]
    public void DuplicateDate()
    {
        using var f = Create();
        f.Replace(History, "2026-01-08,", "2026-01-07,");
        Fails(f, History, Line(1, 8), 1, "date 2026-01-07 appears twice (also on line 8)");
    }

    [Fact]
    public void MissingUnderlyingColumn()
    {
        using var f = Create();
        f.Replace(History, "date,BTC,ETH", "date,BTC,ETX");
        Fails(f, History, 1, 0, "no column 'ETH' for underlying 'ETH' (risk_factors.ETH.calibrate at ", "the history's columns are: date, BTC, ETX");
    }

    [Fact]
    public void EmptyCellAfterTheSeriesStarted()
    {
        using var f = Create();
        string line = f.Text(History).Split('\n')[Line(1, 19) - 1];
        f.Replace(History, line + "\n", line[..line.LastIndexOf(',')] + ",\n");
        Fails(f, History, Line(1, 19), 3, "ETH: no price on 2026-01-19; a column may be empty only before its first price");
    }

    [Fact]
    public void WeekendRowInABusinessDayHistory()
    {
        using var f = Create();
        f.Replace(Scenario, "  history: history.csv\n", "  history: history.csv\n  calendar: business\n");
        Fails(f, History, Line(1, 3), 1, "date 2026-01-03 is a Saturday; calendar: business allows weekdays only");
    }

    [Fact]
    public void StaleHistory()
    {
        using var f = Create();
        string text = f.Text(History);
        f.Set(History, text[..text.IndexOf("2026-01-30", StringComparison.Ordinal)]);
        Fails(f, History, Line(1, 29), 1, "the history is stale: its last row on or before 2026-02-04 (the day before as_of) is 2026-01-29, 6 days earlier; calibration.max_stale_days allows 4");
    }

    [Fact]
    public void TooFewReturnsForMinObservations()
    {
        using var f = Create();
        f.Replace(Scenario, "  min_observations: 20\n", "  min_observations: 40\n");
        Fails(f, History, 1, 2, "BTC.spot: column 'BTC' has 34 daily returns up to 2026-02-04 (from 2026-01-02), fewer than min_observations: 40");
    }

    [Fact]
    public void MalformedDate()
    {
        using var f = Create();
        f.Replace(History, "2026-01-05,", "2026/01/05,");
        Fails(f, History, Line(1, 5), 1, "date: expected a date such as 2020-03-12 (yyyy-MM-dd), got '2026/01/05'");
    }

    [Fact]
    public void HeaderOnly()
    {
        using var f = Create();
        f.Set(History, "date,BTC,ETH\n");
        Fails(f, History, 1, 0, "a history needs at least two rows (dates), found 0");
    }

    [Fact]
    public void NoDateColumn()
    {
        using var f = Create();
        f.Replace(History, "date,BTC,ETH", "day,BTC,ETH");
        Fails(f, History, 1, 0, "missing column 'date'");
    }

    [Fact]
    public void HistoryFileNotFound()
    {
        using var f = Create();
        f.Delete(History);
        Fails(f, Scenario, 14, 12, "calibration.history: file not found: ", "history.csv");
    }
}
