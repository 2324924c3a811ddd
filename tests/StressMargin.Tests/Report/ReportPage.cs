using PuppeteerSharp;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>
/// A report opened from disk in headless Chromium: every console error, uncaught exception and attempted network
/// request is recorded (requests other than file:// are aborted: a report must be self-contained), and opening waits
/// until every plot has been laid out by plotly.js.
/// </summary>
internal sealed class ReportPage : IAsyncDisposable
{
    private readonly TempDir _profile;
    private readonly IBrowser _browser;

    private ReportPage(TempDir profile, IBrowser browser, IPage page)
    {
        _profile = profile;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Console messages of type error, and uncaught page exceptions.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Requests for anything that is not a file.</summary>
    public List<string> NetworkRequests { get; } = [];

    public static async Task<ReportPage> OpenAsync(string htmlPath, int width = 1400, int height = 1000)
    {
        var profile = new TempDir();
        var browser = await Chromium.LaunchAsync(profile.Path);
        var page = await browser.NewPageAsync();
        var report = new ReportPage(profile, browser, page);
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (report.Errors) report.Errors.Add($"console: {e.Message.Text}"); };
        page.PageError += (_, e) => { lock (report.Errors) report.Errors.Add($"exception: {e.Message}"); };
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url.StartsWith("file://", StringComparison.Ordinal) || e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) { await e.Request.ContinueAsync(); return; }
            lock (report.NetworkRequests) report.NetworkRequests.Add(e.Request.Url);
            await e.Request.AbortAsync();
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        await page.GoToAsync(new Uri(htmlPath).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
        await page.WaitForFunctionAsync(
            "() => Array.from(document.querySelectorAll('figure.plot')).every(f => { const p = f.querySelector('.js-plotly-plot'); return p && p._fullLayout && p.querySelector('.main-svg'); })",
            new WaitForFunctionOptions { Timeout = 60_000 });
        return report;
    }

    /// <summary>Each plot of the page: its figure id, its traces, and the marks plotly.js drew (paths and images in the plot area).</summary>
    public async Task<PlotState[]> PlotsAsync() => await Page.EvaluateFunctionAsync<PlotState[]>(
        "() => Array.from(document.querySelectorAll('figure.plot')).map(f => { const p = f.querySelector('.js-plotly-plot');" +
        " return { id: f.id, traces: p.data.length, fullTraces: p._fullData.length, marks: p.querySelectorAll('.cartesianlayer .plot path, .cartesianlayer .plot image').length }; })");

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        _profile.Dispose();
    }

    public sealed record PlotState(string Id, int Traces, int FullTraces, int Marks);
}
