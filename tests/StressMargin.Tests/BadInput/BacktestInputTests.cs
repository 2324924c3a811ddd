using StressMargin.Tests.Support;
using static StressMargin.Tests.BadInput.CalibratedFixture;
using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary><c>stressmargin backtest</c> mistakes: command-line errors exit 2, input errors exit 3 at FILE:LINE:COLUMN; nothing is written.</summary>
public class BacktestInputTests
{
    private static CliRunner.Result Backtest(ScenarioFixture f, params string[] args)
    {
        f.Validate(); // writes the fixture's files
        return CliRunner.Run(["backtest", f.PathOf(Scenario), "--out", f.OutDir, .. args, .. args.Contains("--paths") ? Array.Empty<string>() : ["--paths", "500"]]);
    }

    [Theory]
    [InlineData(new[] { "--from", "2026-02-01", "--to", "2026-01-01" }, "--to 2026-01-01 is before --from 2026-02-01")]
    [InlineData(new[] { "--from", "2026/01/20", "--to", "2026-02-01" }, "--from: expected a date such as 2020-01-01 (yyyy-MM-dd), got '2026/01/20'")]
    [InlineData(new[] { "--to", "2026-02-01" }, "Option '--from' is required.")]
    [InlineData(new[] { "--from", "2026-01-20", "--to", "2026-02-01", "--paths", "0" }, "--paths must be a whole number between 1 and 1,000,000,000, got 0")]
    public void CommandLineMistakes(string[] args, string message)
    {
        using var f = Create();
        InputErrorAssert.UsageError(Backtest(f, args), message);
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void WindowWithoutAnyHistoryDate()
    {
        using var f = Create();
        var result = Backtest(f, "--from", "2027-01-01", "--to", "2027-12-31");
        InputErrorAssert.InputError(result, f.PathOf(History), 0, 0, "no backtest date: the history has no row from 2027-01-01 to 2027-12-31 with a close 2 row(s) later (it covers 2026-01-01 … 2026-02-04)");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void DateBeforeAnUnderlyingsSeriesStarts()
    {
        using var f = Create();
        // ETH's closes start on 2026-01-11 (line 12); min_observations 5 so that calibration is possible later on.
        var lines = f.Text(History).Split('\n');
        for (int i = 1; i <= 10; i++) lines[i] = lines[i][..lines[i].LastIndexOf(',')] + ",";
        f.Set(History, string.Join("\n", lines));
        f.Replace(Scenario, "  min_observations: 20\n", "  min_observations: 5\n");
        var result = Backtest(f, "--from", "2026-01-05", "--to", "2026-01-31");
        InputErrorAssert.InputError(result, f.PathOf(History), Line(1, 5), 3, "ETH: no price on 2026-01-05 (the series starts on 2026-01-11); backtest from that date or later");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void DateWithTooLittleHistoryToCalibrate()
    {
        using var f = Create();
        var result = Backtest(f, "--from", "2026-01-10", "--to", "2026-01-31");
        InputErrorAssert.InputError(result, f.PathOf(History), 1, 2, "BTC.spot: column 'BTC' has 9 daily returns up to 2026-01-10 (from 2026-01-02), fewer than min_observations: 20");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void HistoryFileMissing()
    {
        using var f = Create();
        var result = Backtest(f, "--history", f.PathOf("nope.csv"), "--from", "2026-01-25", "--to", "2026-01-31");
        InputErrorAssert.InputError(result, f.PathOf("nope.csv"), 0, 0, "file not found");
    }

    [Fact]
    public void NoHistoryAtAll()
    {
        using var f = new ScenarioFixture();
        f.Validate();
        var result = CliRunner.Run("backtest", f.PathOf(Scenario), "--from", "2026-01-25", "--to", "2026-01-31");
        InputErrorAssert.InputError(result, f.PathOf(Scenario), 0, 0, "no price history to backtest on: give --history FILE, or a calibration block with history:");
    }

    [Fact]
    public void FutureExpiringInsideTheWindowIsRejectedBeforeAnySimulation()
    {
        using var f = Create();
        f.Replace(Instruments, "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z,,,1\n", "BTC-27MAR26,future,BTC,2026-01-28T08:00:00Z,,,1\n");
        var result = Backtest(f, "--from", "2026-01-25", "--to", "2026-01-31");
        string detail = InputErrorAssert.InputError(result, f.PathOf(Instruments), 4, 0, "future 'BTC-27MAR26' expires on 2026-01-28, before the backtest's last valuation (2026-02-01)");
        Assert.Contains("use a perpetual or a later future", detail);
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void HorizonLongerThanTheHistoryIsAnInputErrorNotACrash()
    {
        using var f = Create();
        f.Replace(Scenario, "  horizon_days: 2\n", "  horizon_days: 90\n");
        var result = Backtest(f, "--from", "2026-01-25", "--to", "2026-01-31");
        InputErrorAssert.InputError(result, f.PathOf(History), 0, 0, "no backtest date");
    }

    [Fact]
    public void HistoryOptionReplacesAMissingCalibrationHistory()
    {
        using var f = Create();
        string real = f.PathOf(History);
        f.Validate();
        string moved = real + ".elsewhere.csv";
        File.Copy(real, moved);
        File.Delete(real);
        var result = CliRunner.Run("backtest", f.PathOf(Scenario), "--out", f.OutDir, "--paths", "500", "--history", moved, "--from", "2026-01-25", "--to", "2026-01-31");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(Path.Combine(f.OutDir, "backtest.csv")));
    }
}
