using System.Globalization;
using System.Text.RegularExpressions;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>report.html and histogram.csv as files: written with the other outputs, self-contained, consistent.</summary>
[Collection(SampleRunCollection.Name)]
public partial class RunReportFileTests(SampleRun run)
{
    [Fact]
    public void ReportAndHistogramAreWrittenWithTheOtherOutputsAndNothingElse()
    {
        var files = Directory.GetFileSystemEntries(run.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["attribution.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html", "stress.csv"], files);
        Assert.Contains($"wrote {run.File("report.html")}", run.Result.Stderr);
        Assert.Contains("\"report\":", File.ReadAllText(run.File("manifest.json")));
    }

    [Fact]
    public void ReportIsSelfContainedWithPlotlyInlinedAndNoExternalReference()
    {
        string html = File.ReadAllText(run.File("report.html"));
        Assert.Contains("plotly.js v2.28.0", html);
        // Outside plotly.js itself (whose source holds links for its logo and map attributions, not loaded here):
        // nothing that loads a script, a style sheet or an image from elsewhere. The browser test checks the requests made.
        int library = html.IndexOf("* plotly.js v", StringComparison.Ordinal);
        int start = html.LastIndexOf("<script", library, StringComparison.Ordinal), end = html.IndexOf("</script>", library, StringComparison.Ordinal);
        string page = html[..start] + html[end..];
        Assert.Empty(ExternalReference().Matches(page).Select(m => m.Value));
        // One inlined plotly.js (about 3.6 MB) and one figure per account, not one page per plot.
        Assert.Single(Regex.Matches(html, "\\* plotly.js v"));
        Assert.InRange(html.Length, 3_700_000, 6_000_000);
    }

    [Fact]
    public void HistogramCsvCountsEveryPathOfEveryAccountOnTheFixedGrid()
    {
        var (_, margin) = run.Margin();
        var rows = File.ReadAllLines(run.File("histogram.csv"));
        Assert.Equal("account_id,bin,lower,upper,count", rows[0]);
        var byAccount = rows.Skip(1).Select(l => l.Split(',')).GroupBy(f => f[0]).ToArray();
        Assert.Equal(margin.Select(m => m[0]), byAccount.Select(g => g.Key)); // book order, every account
        foreach (var account in byAccount)
        {
            Assert.Equal(SampleRun.Paths, account.Sum(f => long.Parse(f[4], CultureInfo.InvariantCulture)));
            int previous = -1;
            foreach (var f in account)
            {
                int bin = int.Parse(f[1], CultureInfo.InvariantCulture);
                Assert.True(bin > previous, $"{account.Key}: bins ascending");
                previous = bin;
                Assert.Equal(Edge(LossHistogram.Lower(bin)), f[2]);
                Assert.Equal(Edge(LossHistogram.Upper(bin)), f[3]);
                Assert.True(long.Parse(f[4], CultureInfo.InvariantCulture) > 0, "only non-empty bins are written");
            }
        }

        static string Edge(double e) => double.IsInfinity(e) ? "" : e.ToString("R", CultureInfo.InvariantCulture);
    }

    [Fact]
    public void NoReportSkipsTheReportOnly()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "2000", "--device", "cpu", "--no-report", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.False(File.Exists(dir.File("report.html")));
        Assert.True(File.Exists(dir.File("histogram.csv")));
        Assert.DoesNotContain("\"report\":", File.ReadAllText(dir.File("manifest.json")));
    }

    [Fact]
    public void WithoutHistogramsTheReportSaysTheDistributionIsNotAvailable()
    {
        // The CUDA backend returns no histograms: the same run with them removed.
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 2000));
        var result = MarginJob.Run(input, new CpuBackend(maxThreads: 2));
        var gpuLike = result with { Risk = result.Risk with { Histograms = null } };
        string html = StressMargin.Report.RunReport.Build(gpuLike, null).Render();
        Assert.Contains("id=\"losses-missing\"", html);
        Assert.Contains("The loss histogram is not available", html);
        Assert.DoesNotContain("id=\"plot-losses\"", html);
        Assert.Contains("id=\"plot-losses\"", StressMargin.Report.RunReport.Build(result, null).Render());
    }

    /// <summary>A src or href attribute, or a CSS url(), that points outside the file.</summary>
    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?(https?:|//)|url\\(\\s*[\"']?(https?:|//)|<link[^>]+rel=[\"']?stylesheet", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
