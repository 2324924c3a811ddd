using System.Globalization;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>report.html of the sample run, opened in headless Chromium.</summary>
[Collection(SampleRunCollection.Name)]
public class RunReportBrowserTests(SampleRun run)
{
    private static readonly string[] PlotIds = ["plot-im-by-driver", "plot-losses", "plot-im-composition", "plot-stress-heatmap"];

    [BrowserFact]
    public async Task LoadsWithoutErrorsOrNetworkDrawsEveryPlotAndTakesAScreenshot()
    {
        await using var report = await ReportPage.OpenAsync(run.File("report.html"));
        var plots = await report.PlotsAsync();
        Assert.Equal(PlotIds, plots.Select(p => p.Id));
        foreach (var p in plots)
        {
            Assert.True(p.Traces > 0 && p.FullTraces == p.Traces, $"{p.Id}: {p.Traces} traces, {p.FullTraces} laid out");
            Assert.True(p.Marks > 0, $"{p.Id}: nothing drawn in the plot area");
        }
        string shot = run.File("report.png");
        await report.Page.ScreenshotAsync(shot, new PuppeteerSharp.ScreenshotOptions { FullPage = false });
        var bytes = await File.ReadAllBytesAsync(shot);
        Assert.True(bytes.Length > 20_000, $"screenshot of {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // The README's picture is this screenshot: STRESSMARGIN_UPDATE_SCREENSHOT=1 dotnet test --filter RunReportBrowserTests
        if (Environment.GetEnvironmentVariable("STRESSMARGIN_UPDATE_SCREENSHOT") == "1")
            File.Copy(shot, RepoPaths.Combine("docs", "images", "report-sample.png"), overwrite: true);
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
    }

    [BrowserFact]
    public async Task NumbersShownAreThoseOfMarginCsv()
    {
        var (header, rows) = run.Margin();
        await using var report = await ReportPage.OpenAsync(run.File("report.html"));
        var table = await report.Page.EvaluateFunctionAsync<TableState>(
            "() => { const t = document.getElementById('accounts-table');" +
            " return { header: Array.from(t.tHead.rows[0].cells).map(c => c.textContent.replace(/[^a-z_]/g, ''))," +
            " values: Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.hasAttribute('data-value') ? c.getAttribute('data-value') : c.textContent))," +
            " texts: Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.textContent)) }; }");
        Assert.Equal(header.Order(StringComparer.Ordinal), table.Header.Order(StringComparer.Ordinal));
        Assert.Equal(rows.Length, table.Values.Length);
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < header.Length; c++)
            {
                int shown = Array.IndexOf(table.Header, header[c]);
                string csv = rows[r][c], value = table.Values[r][shown], text = table.Texts[r][shown];
                string where = $"{rows[r][0]} {header[c]}";
                if (!double.TryParse(csv, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected))
                {
                    Assert.True(csv == value && csv == text, $"{where}: '{csv}' in margin.csv, '{text}' shown");
                    continue;
                }
                Assert.Equal(expected, double.Parse(value, CultureInfo.InvariantCulture)); // the exact value behind the cell
                if (text.EndsWith(" %", StringComparison.Ordinal))
                {
                    // A fraction shown as a percentage with two decimals (the reverse-stress spot moves).
                    double percent = double.Parse(text[..^2].Replace("−", "-"), CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(percent - 100 * expected) <= 0.005 + 1e-9, $"{where}: {text} shown for {csv}");
                    continue;
                }
                double rounded = double.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(rounded - expected) <= 0.5 + 1e-9 * Math.Abs(expected), $"{where}: {text} shown for {csv}");
            }

        // The summary: total IM and the accounts by status.
        int im = Array.IndexOf(header, "initial_margin"), status = Array.IndexOf(header, "status");
        double total = rows.Sum(r => double.Parse(r[im], CultureInfo.InvariantCulture));
        Assert.Equal(Math.Round(total).ToString("#,0", CultureInfo.InvariantCulture), await Text(report, "#card-im .value"));
        Assert.Equal(rows.Length.ToString("N0", CultureInfo.InvariantCulture), await Text(report, "#card-accounts .value"));
        var byStatus = await report.Page.EvaluateFunctionAsync<string[][]>("() => Array.from(document.querySelectorAll('#by-status tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent))");
        foreach (var row in byStatus)
            Assert.Equal(rows.Count(r => r[status] == row[0]).ToString(CultureInfo.InvariantCulture), row[1]);

        // The loss distribution: first the account with the largest IM, its VaR and ES marked at margin.csv's values,
        // its bars counting every path; then another account chosen in the selector.
        int var = Array.IndexOf(header, "var"), es = Array.IndexOf(header, "es");
        var largest = rows.OrderByDescending(r => double.Parse(r[im], CultureInfo.InvariantCulture)).First();
        await AssertMarks(report, largest[0], double.Parse(largest[var], CultureInfo.InvariantCulture), double.Parse(largest[es], CultureInfo.InvariantCulture));
        var other = rows[^1];
        await report.Page.EvaluateFunctionAsync("id => { const s = document.getElementById('plot-losses-select'); s.value = id; s.dispatchEvent(new Event('change')); }", other[0]);
        await AssertMarks(report, other[0], double.Parse(other[var], CultureInfo.InvariantCulture), double.Parse(other[es], CultureInfo.InvariantCulture));
        Assert.Empty(report.Errors);
    }

    [BrowserFact]
    public async Task TablesSortOnAHeaderClickAndARowSelectsItsAccount()
    {
        await using var report = await ReportPage.OpenAsync(run.File("report.html"));
        await report.Page.ClickAsync("#accounts-table th:nth-child(7)"); // initial_margin
        var ascending = await Column(report, 6);
        Assert.Equal(ascending.Order(), ascending);
        await report.Page.ClickAsync("#accounts-table th:nth-child(7)");
        var descending = await Column(report, 6);
        Assert.Equal(descending.OrderDescending(), descending);
        string id = await Text(report, "#calls tbody tr:first-child td:first-child");
        await report.Page.ClickAsync("#calls tbody tr:first-child");
        await report.Page.WaitForFunctionAsync("id => document.getElementById('plot-losses-select').getAttribute('data-shown') === id", id);
        Assert.Empty(report.Errors);
    }

    private static async Task AssertMarks(ReportPage report, string account, double var, double es)
    {
        await report.Page.WaitForFunctionAsync("id => document.getElementById('plot-losses-select').getAttribute('data-shown') === id", account);
        var traces = await report.Page.EvaluateFunctionAsync<TraceState[]>(
            "() => document.querySelector('#plot-losses .js-plotly-plot').data.map(t => ({ name: t.name || '', x: t.x.map(Number), y: t.y.map(Number) }))");
        Assert.Equal(var, traces.Single(t => t.Name.StartsWith("VaR", StringComparison.Ordinal)).X[0]);
        Assert.Equal(es, traces.Single(t => t.Name.StartsWith("ES", StringComparison.Ordinal)).X[0]);
        Assert.Equal(SampleRun.Paths, traces.Single(t => t.Name == "paths").Y.Sum());
        string title = await report.Page.EvaluateExpressionAsync<string>("document.querySelector('#plot-losses .js-plotly-plot').layout.title.text");
        Assert.StartsWith(account + ":", title);
    }

    private static Task<string> Text(ReportPage report, string selector) =>
        report.Page.EvaluateFunctionAsync<string>("s => document.querySelector(s).textContent", selector);

    private static async Task<double[]> Column(ReportPage report, int index) =>
        (await report.Page.EvaluateFunctionAsync<string[]>("i => Array.from(document.querySelectorAll('#accounts-table tbody tr')).map(r => r.cells[i].getAttribute('data-value'))", index))
        .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    public sealed record TableState(string[] Header, string[][] Values, string[][] Texts);

    public sealed record TraceState(string Name, double[] X, double[] Y);
}
