using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>The reports of the calibrated sample: its run report's calibration part, calibrate's and backtest's reports.</summary>
public sealed class CalibrationAndBacktestReportTests : IDisposable
{
    private static readonly string Scenario = RepoPaths.Combine("scenarios", "crypto-20250212.yaml");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CalibrateAndBacktestWriteTheirReportsUnlessToldNot()
    {
        var c = CliRunner.Run("calibrate", Scenario, "--out", _dir.File("cal"));
        Assert.True(c.ExitCode == 0, c.Stderr);
        Assert.True(File.Exists(_dir.File("cal/calibration-report.html")));
        Assert.Equal(0, CliRunner.Run("calibrate", Scenario, "--out", _dir.File("cal-quiet"), "--no-report").ExitCode);
        Assert.Equal(["calibration.csv", "calibration.json"], Directory.GetFiles(_dir.File("cal-quiet")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var b = Backtest("bt-quiet", "--no-report");
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Equal(["backtest.csv", "backtest.json", "backtest_daily.csv"], Directory.GetFiles(_dir.File("bt-quiet")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [BrowserFact]
    public async Task TheCalibratedRunReportDrawsTheVolAndCorrelationHistory()
    {
        var r = CliRunner.Run("run", Scenario, "--paths", "2000", "--device", "cpu", "--out", _dir.File("run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        await using var report = await ReportPage.OpenAsync(_dir.File("run/report.html"));
        var plots = await report.PlotsAsync();
        Assert.Equal(["plot-im-by-driver", "plot-losses", "plot-im-composition", "calibration-vols", "calibration-correlations"], plots.Select(p => p.Id));
        Assert.All(plots, p => Assert.True(p.Marks > 0, p.Id));
        // BTC.spot and ETH.spot: used, model and floor vol each.
        Assert.Equal(6, plots.Single(p => p.Id == "calibration-vols").Traces);
        var floor = await report.Page.EvaluateExpressionAsync<string>("document.querySelector('#calibration-factors tbody tr td:nth-child(7)').textContent");
        Assert.EndsWith(" %", floor);
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
    }

    [BrowserFact]
    public async Task TheCalibrateReportLoads()
    {
        Assert.Equal(0, CliRunner.Run("calibrate", Scenario, "--out", _dir.File("cal")).ExitCode);
        await using var report = await ReportPage.OpenAsync(_dir.File("cal/calibration-report.html"));
        Assert.Equal(["calibration-vols", "calibration-correlations"], (await report.PlotsAsync()).Where(p => p.Marks > 0).Select(p => p.Id));
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
    }

    [BrowserFact]
    public async Task TheBacktestReportShowsMarginAgainstLossWithTheExceedancesAndTheStatistics()
    {
        var b = Backtest("bt");
        Assert.True(b.ExitCode == 0, b.Stderr);
        await using var report = await ReportPage.OpenAsync(_dir.File("bt/backtest-report.html"));
        var plots = await report.PlotsAsync();
        Assert.Equal(["plot-backtest", "plot-backtest-cumulative"], plots.Select(p => p.Id));
        Assert.All(plots, p => Assert.True(p.Marks > 0, p.Id));
        // The book's statistics row equals backtest.csv's book row (exceedances and the Kupiec p-value).
        var csv = File.ReadAllLines(_dir.File("bt/backtest.csv"));
        var header = csv[0].Split(',');
        var book = csv[1].Split(',');
        var row = await report.Page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('#coverage tbody tr:first-child td')).map(c => c.getAttribute('data-value') ?? c.textContent)");
        Assert.Equal("(whole book)", row[0]);
        Assert.Equal(book[Array.IndexOf(header, "im_exceedances")], row[2]);
        Assert.Equal(double.Parse(book[Array.IndexOf(header, "im_kupiec_p")], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture));
        // The plotted book IM and realized losses are those of backtest_daily.csv (to the cent), dates in order.
        var daily = File.ReadAllLines(_dir.File("bt/backtest_daily.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[1] == "book").ToArray();
        var im = await report.Page.EvaluateExpressionAsync<double[]>("document.querySelector('#plot-backtest .js-plotly-plot').data.find(t => t.name.startsWith('initial margin')).y");
        Assert.Equal(daily.Select(f => Math.Round(double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), 2)), im);
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
    }

    private CliRunner.Result Backtest(string output, params string[] extra) =>
        CliRunner.Run(["backtest", Scenario, "--from", "2022-11-01", "--to", "2022-11-14", "--paths", "2000", "--out", _dir.File(output), .. extra]);
}
