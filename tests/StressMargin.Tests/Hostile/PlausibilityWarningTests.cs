using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Engine;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Hostile;

/// <summary>Legal but unusual values run, with a warning in the header and in manifest.json; the shipped data has none.</summary>
public class PlausibilityWarningTests
{
    private static string[] ManifestWarnings(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.TryGetProperty("location", out var l) ? l.GetString() + ": " : "") + w.GetProperty("message").GetString()).ToArray();

    [Theory]
    [InlineData("simulation.discount_rate 0.3 (30 % a year) is outside the usual -2 % … 25 %", ScenarioFixture.Scenario, 12, 18, "  horizon_days: 2\n", "  horizon_days: 2\n  discount_rate: 0.3\n")]
    [InlineData("simulation.horizon_days 45 days is outside the usual margin period of risk of 1 to 30 days", ScenarioFixture.Scenario, 11, 17, "  horizon_days: 2", "  horizon_days: 45")]
    [InlineData("risk_factors.ETH.spot_vol 4 is 400 % a year, above the usual at most 300 %", ScenarioFixture.Scenario, 15, 20, "spot_vol: 0.75", "spot_vol: 4")]
    [InlineData("risk_factors.ETH.funding.rate_8h 0.005 is 0.5 % every 8 hours, a stress level (the usual rate is within ±0.3 %), paid on every path", ScenarioFixture.Scenario, 15, 63, "vol_of_vol: 0.8 }", "vol_of_vol: 0.8, funding: { rate_8h: 0.005 } }")]
    [InlineData("margin.es_confidence 0.8 is below the usual 0.9", ScenarioFixture.Scenario, 20, 18, "  es_confidence: 0.99", "  es_confidence: 0.8")]
    public void AnUnusualScenarioValueIsAWarningAtItsKey(string message, string file, int line, int column, string oldText, string newText)
    {
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, oldText, newText);
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        string expected = $"{f.PathOf(file)}:{line}:{column}: {message}";
        Assert.Contains($"  warning: {expected}", r.Stderr);
        Assert.Contains(ManifestWarnings(f.OutDir), w => w.StartsWith(expected, StringComparison.Ordinal));
        var v = f.Validate();
        Assert.Contains($"  warning: {expected}", v.Stderr);
        Assert.Contains("warning line", v.Stdout);
    }

    [Fact]
    public void UnusualMarketValuesAreWarningsAtTheirCells()
    {
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Vols, "70000,0.55", "70000,6");       // 600 % implied vol
        f.Replace(ScenarioFixture.Forwards, "71600", "75000");           // +5.5 % at 50 days: above 2 % + 25 %·T
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains($"  warning: {f.PathOf(ScenarioFixture.Vols)}:3:4: implied_vol: 6 (600 %) is outside the usual 1 % … 500 %", r.Stderr);
        Assert.Contains($"  warning: {f.PathOf(ScenarioFixture.Forwards)}:2:3: forward: 75000 is 1.056× the spot 71000 at 50 days, beyond the usual", r.Stderr);
    }

    [Fact]
    public void AnEsOnFewTailPathsIsAWarningThatSaysHowManyPathsAreNeeded()
    {
        using var f = new ScenarioFixture(); // 2,000 paths at 0.99: 20 tail paths
        var r = f.Run();
        Assert.Contains("margin.es_confidence 0.99 with 2,000 paths: the ES rests on 20 tail paths, fewer than 50, so its Monte Carlo error is large (use at least 5,000 paths)", r.Stderr);
        var more = f.Run("--paths", "5000");
        Assert.DoesNotContain("tail paths", more.Stderr);
        Assert.Empty(ManifestWarnings(f.OutDir));
    }

    [Fact]
    public void ALargeOneDayMoveInTheHistoryIsAWarningAtItsCell()
    {
        using var f = CalibratedFixture.Create();
        f.Replace(CalibratedFixture.History, "2026-01-05,70000,", "2026-01-05,150000,"); // ×2.2 after 68,000, then ÷2.1
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains($"  warning: {f.PathOf(CalibratedFixture.History)}:{CalibratedFixture.Line(1, 5)}:2: BTC: 150000 on 2026-01-05 is ×2.206 the previous close 68000 (2026-01-04), a one-day move beyond ×2 or ÷2", r.Stderr);
        Assert.Contains($"{f.PathOf(CalibratedFixture.History)}:{CalibratedFixture.Line(1, 6)}:2: BTC: ", r.Stderr);
    }

    [Fact]
    public void AStressScenarioNamingAnUnheldUnderlyingBesideAHeldOneIsAWarning()
    {
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set("stress.yaml", "scenarios: [{ name: x, moves: { BTC: { spot_move: -0.3 }, ETHH: { spot_move: -0.4 } } }]\n");
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains($"  warning: {f.PathOf("stress.yaml")}:1:13: stress scenario 'x' moves 'ETHH', which the book does not hold (did you mean 'ETH'?)", r.Stderr);
    }

    [Fact]
    public void ManyWarningsOfOneCheckAreCappedWithACount()
    {
        using var f = new ScenarioFixture();
        f.Set(ScenarioFixture.Vols, ScenarioFixture.DefaultVols.Replace(",0.", ",7.")); // six vols of 7xx %
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Equal(5, r.Stderr.Split('\n').Count(l => l.Contains("implied_vol: 7.", StringComparison.Ordinal)));
        Assert.Contains("  warning: 1 more warning like the one above (implied_vol)", r.Stderr);
    }

    [Theory]
    [InlineData("deribit-20260205.yaml")]
    [InlineData("crypto-20250212.yaml")]
    [InlineData("validation/ewma-fhs.yaml")]
    public void TheShippedScenariosLoadWithoutAnyWarning(string scenario)
    {
        var input = ScenarioLoader.Load(RepoPaths.Combine("scenarios", scenario), new RunOverrides(Paths: 100_000));
        Assert.Empty(input.Warnings);
    }

    [Fact]
    public void TheShippedStressFilesOutsideTheSampleAndSnapshotsLoadWithoutAnyWarning()
    {
        var warnings = new StressMargin.Core.InputWarnings();
        foreach (var file in new[] { "crypto-crash-days.yaml", "perpetual-funding.yaml" })
            StressMargin.IO.Stress.StressFileReader.Read(RepoPaths.Combine("scenarios", "stress", file), warnings: warnings);
        foreach (var snapshot in Directory.GetFiles(RepoPaths.Combine("scenarios", "raw"), "*.csv"))
            StressMargin.IO.Deribit.DeribitChainImporter.Import(snapshot, warnings);
        Assert.Empty(warnings.All);
    }
}
