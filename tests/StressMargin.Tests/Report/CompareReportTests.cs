using System.Globalization;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>
/// report compare on two runs of the sample book: "yesterday" at 09:36Z, and "today" on the Deribit snapshot of
/// 21:29Z (BTC −10.8 %) with one account's positions doubled.
/// </summary>
public sealed class CompareReportTests : IDisposable
{
    private const string Changed = "naked-put-001";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Yesterday, string Today) TwoRuns()
    {
        string sample = RepoPaths.Combine("scenarios");
        string yaml = File.ReadAllText(RepoPaths.SampleScenario)
            .Replace("deribit-20260205/market/spots.csv", "LATE/spots.csv").Replace("deribit-20260205/market/forwards.csv", "LATE/forwards.csv")
            .Replace("deribit-20260205/market/vol_surface.csv", "LATE/vol_surface.csv")
            .Replace("deribit-20260205/positions.csv", _dir.File("positions.csv"))
            .Replace("deribit-20260205/", Path.Combine(sample, "deribit-20260205") + "/").Replace("- stress/", $"- {Path.Combine(sample, "stress")}/")
            .Replace("LATE/", Path.Combine(sample, "stress", "deribit-20260205T212937Z") + "/")
            .Replace("as_of: 2026-02-05T09:36:47Z", "as_of: 2026-02-05T21:29:37Z");
        var positions = File.ReadAllLines(RepoPaths.Combine("scenarios", "deribit-20260205", "positions.csv"))
            .Select(l => l.Split(',') is var f && f[0] == Changed ? $"{f[0]},{f[1]},{double.Parse(f[2], CultureInfo.InvariantCulture) * 2}" : l);
        File.WriteAllLines(_dir.File("positions.csv"), positions);
        string today = _dir.Write("today.yaml", yaml);
        var a = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "2000", "--device", "cpu", "--no-report", "--out", _dir.File("yesterday"));
        Assert.True(a.ExitCode == 0, a.Stderr);
        var b = CliRunner.Run("run", today, "--paths", "2000", "--device", "cpu", "--no-report", "--out", _dir.File("today"));
        Assert.True(b.ExitCode == 0, b.Stderr);
        return (_dir.File("yesterday"), _dir.File("today"));
    }

    [Fact]
    public void SaysHowMarginMovedAndWhyAndWritesThePage()
    {
        var (yesterday, today) = TwoRuns();
        var r = CliRunner.Run("report", "compare", yesterday, today);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(Path.Combine(today, "compare-report.html")));
        Assert.Contains("changed (market): as_of: 2026-02-05T09:36:47Z → 2026-02-05T21:29:37Z", r.Stdout);
        Assert.Contains("changed (market): input spots", r.Stdout);
        Assert.Contains("changed (market): input vol_surface", r.Stdout);
        Assert.Contains("changed (market): risk_factors BTC spot_vol: ", r.Stdout); // spot_vol: atm follows the surface
        Assert.DoesNotContain("ETH spot_vol", r.Stdout); // a fixed 0.75
        Assert.Contains("changed (positions): input positions", r.Stdout);
        Assert.DoesNotContain("(model)", r.Stdout);
        Assert.DoesNotContain("Monte Carlo sample", r.Stdout);

        // Totals: the sums of the two margin.csv files.
        double Total(string dir) => File.ReadAllLines(Path.Combine(dir, "margin.csv")).Skip(1).Sum(l => double.Parse(l.Split(',')[5], CultureInfo.InvariantCulture));
        Assert.Contains($"IM {Math.Round(Total(yesterday)).ToString("#,0", CultureInfo.InvariantCulture)} USD", r.Stdout);
        Assert.Contains($"IM {Math.Round(Total(today)).ToString("#,0", CultureInfo.InvariantCulture)} USD", r.Stdout);

        // Per account: the one whose positions changed, and the others, attributed to the market move.
        var page = StressMargin.Report.Compare.RunComparison.Of(StressMargin.Report.Compare.RunFolder.Read(yesterday), StressMargin.Report.Compare.RunFolder.Read(today));
        Assert.Equal("position change", page.Accounts.Single(x => x.AccountId == Changed).Cause);
        Assert.All(page.Accounts.Where(x => x.AccountId != Changed), x => Assert.Equal("market move", x.Cause));
        Assert.Equal(Total(today) - Total(yesterday), page.Accounts.Sum(x => x.DeltaIm), 6);
    }

    [Fact]
    public void ARunComparedWithItselfHasNoChange()
    {
        var (yesterday, _) = TwoRuns();
        var r = CliRunner.Run("report", "compare", yesterday, yesterday, "--out", _dir.File("self.html"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("IM 0 USD", r.Stdout);
        Assert.Contains("changed: nothing the manifests record", r.Stdout);
        Assert.True(File.Exists(_dir.File("self.html")));
    }

    [Fact]
    public void AMissingFolderOrFileIsAnInputError()
    {
        var missing = CliRunner.Run("report", "compare", _dir.File("nowhere"), _dir.Path);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no such folder", missing.Stderr);
        var empty = CliRunner.Run("report", "compare", _dir.Path, _dir.Path);
        Assert.Equal(3, empty.ExitCode);
        Assert.Contains("file not found: margin.csv", empty.Stderr);
    }

    [BrowserFact]
    public async Task ThePageLoadsWithoutErrorsAndDrawsItsPlots()
    {
        var (yesterday, today) = TwoRuns();
        Assert.Equal(0, CliRunner.Run("report", "compare", yesterday, today).ExitCode);
        await using var report = await ReportPage.OpenAsync(Path.Combine(today, "compare-report.html"));
        var plots = await report.PlotsAsync();
        Assert.Equal(["plot-compare-waterfall", "plot-compare-movers"], plots.Select(p => p.Id));
        Assert.All(plots, p => Assert.True(p.Marks > 0, p.Id));
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
    }
}
