using StressMargin.Cli;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.BadInput;

/// <summary>Malformed stress files and margin blocks: exit 3 with file:line:column, no output.</summary>
public class StressFileTests
{
    private const string Stress = "stress.yaml";

    /// <summary>The fixture with margin.stress naming stress.yaml (scenario line 23) and the given stress file.</summary>
    private static ScenarioFixture WithStress(string stressYaml)
    {
        var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set(Stress, stressYaml);
        return f;
    }

    [Fact]
    public void AValidStressFileRunsAndWritesStressCsv()
    {
        using var f = WithStress("scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.3, vol_shift: 0.5 } } }]\n");
        var r = f.Run();
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(["attribution.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html", "stress.csv"], f.OutputEntries().Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var rows = File.ReadAllLines(Path.Combine(f.OutDir, "stress.csv"));
        Assert.Equal("account_id,scenario,pnl,weight", rows[0]);
        Assert.Equal(4, rows.Length); // three accounts × one scenario
        Assert.StartsWith("acct-1,crash,", rows[1]);
    }

    [Fact]
    public void UnknownTopLevelKeySuggestsTheNearestOne()
    {
        using var f = WithStress("grids:\n  spot: [-0.1, 0.1, 3]\n");
        InputErrorAssert.Fails(f, Stress, 1, 1, "unknown key 'grids'", "did you mean 'grid'?");
    }

    [Theory]
    [InlineData("scenarios: [{ name: x, moves: { \"*\": { spot_move: -1.2 } } }]\n", 1, 51, "spot_move: expected a relative spot move above -1 (e.g. -0.30), got '-1.2'")]
    [InlineData("scenarios: [{ name: x, weight: 1.5, moves: { \"*\": { spot_move: -0.1 } } }]\n", 1, 32, "weight: expected the fraction of the loss counted, in (0, 1], got '1.5'")]
    [InlineData("scenarios: [{ weight: 1, moves: { \"*\": { spot_move: -0.1 } } }]\n", 1, 13, "missing key 'scenarios[0].name'")]
    [InlineData("scenarios: [{ name: x, moves: { \"*\": { spot_mvoe: -0.1 } } }]\n", 1, 40, "unknown key 'spot_mvoe'", "did you mean 'spot_move'?")]
    [InlineData("grid: { spot: [-0.1, 0.1], vol: [none] }\n", 1, 15, "expected three numbers [from, to, count], got 2")]
    [InlineData("grid: { spot: [-0.1, 0.1, 2.5], vol: [none] }\n", 1, 27, "expected a whole number of spot points ≥ 1, got '2.5'")]
    [InlineData("grid: { spot: [-0.1, 0.1, 3], vol: [sideways] }\n", 1, 37, "expected up, none or down, got 'sideways'")]
    [InlineData("grid: { spot: [-0.1, 0.1, 3], vol: [up] }\n", 1, 7, "grid 'grid' lists vol 'up' but defines no vol_up shock")]
    [InlineData("grid: { spot: [-0.1, 0.1, 3], vol: [down], vol_down: 0.25 }\n", 1, 54, "vol_down must shift vols down")]
    [InlineData("span: { price_scan_range: 1.5, vol_scan_range: 0.2 }\n", 1, 27, "price_scan_range: expected a relative price scan range in (0, 1)")]
    [InlineData("surface: { name: s, spots: x.csv }\n", 1, 10, "missing key 'surface.as_of'")]
    [InlineData("description: nothing here\n", 1, 1, "defines no scenarios")]
    [InlineData("scenarios: [{ name: x, moves: { \"*\": { spot_move: -0.1 } } }\n", 1, 12, "never closed")]
    public void MalformedStressFileIsAnInputErrorAtItsPosition(string yaml, int line, int column, string phrase, string? phrase2 = null)
    {
        using var f = WithStress(yaml);
        InputErrorAssert.Fails(f, Stress, line, column, phrase2 is null ? [phrase] : [phrase, phrase2]);
    }

    [Fact]
    public void DuplicateScenarioNamesAcrossFilesPointAtTheSecond()
    {
        using var f = WithStress("scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.3 } } }]\n");
        f.Replace(ScenarioFixture.Scenario, "  stress: [stress.yaml]\n", "  stress: [stress.yaml, more.yaml]\n");
        f.Set("more.yaml", "description: again\nscenarios:\n  - { name: crash, moves: { \"*\": { spot_move: -0.2 } } }\n");
        InputErrorAssert.Fails(f, "more.yaml", 3, 5, "stress scenario 'crash' is defined twice (first at", "stress.yaml:1:13");
    }

    [Fact]
    public void MissingStressFileIsReportedWhereTheScenarioNamesIt()
    {
        using var f = WithStress("scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.3 } } }]\n");
        f.Delete(Stress);
        InputErrorAssert.Fails(f, ScenarioFixture.Scenario, 23, 12, "stress file not found", "stress.yaml");
    }

    [Fact]
    public void SurfaceReplayWithAMissingSpotsFileNamesTheFile()
    {
        using var f = WithStress("surface: { name: late, as_of: 2026-02-05T21:29:37Z, spots: late/spots.csv }\n");
        var r = f.Run();
        InputErrorAssert.InputError(r, f.PathOf(Path.Combine("late", "spots.csv")), 0, 0, "file not found");
    }

    [Theory]
    [InlineData("  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  mm_tiers: [{ up_to_usd: 1000, rate: 0.01 }, { rate: 0.02 }]\n", 23, 13, "give either mm_ratio or mm_tiers, not both")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_tiers: [{ up_to_usd: 1000, rate: 0.01 }, { up_to_usd: 500, rate: 0.02 }, { rate: 0.03 }]\n", 22, 60, "up_to_usd must increase from band to band")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_tiers: [{ up_to_usd: 1000, rate: 0.01 }, { up_to_usd: 5000, rate: 0.02 }]\n", 22, 60, "the last band has no upper bound")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_tiers: [{ up_to_usd: 1000, rate: 0.01, amount_usd: 0 }, { rate: 0.02 }]\n", 22, 13, "give amount_usd for every band or for none")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  addons: { liquidity: { spread: 0.1 } }\n", 23, 26, "unknown key 'spread'")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  addons: { concentration: { rate: 0.1 } }\n", 23, 28, "missing key 'margin.addons.concentration.threshold_usd'")]
    [InlineData("  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  es_multiplier: 0\n", 23, 18, "es_multiplier: expected a positive multiplier of ES")]
    public void MalformedMarginBlockIsAnInputErrorAtItsPosition(string oldText, string newText, int line, int column, string phrase)
    {
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, oldText, newText);
        InputErrorAssert.Fails(f, ScenarioFixture.Scenario, line, column, phrase);
    }

    [Fact]
    public void SurfaceReplayWithoutAHeldUnderlyingStopsBeforeSimulatingWithExit3()
    {
        // The fixture's book holds ETH (acct-3); the replay market has only BTC.
        using var f = WithStress("surface:\n  name: late\n  as_of: 2026-02-05T21:29:37Z\n  spots: late-spots.csv\n");
        f.Set("late-spots.csv", "underlying,spot\nBTC,64000\n");
        InputErrorAssert.Fails(f, Stress, 2, 3, "surface replay 'late' has no spot for 'ETH', which the book holds");
        var stress = CliRunner.Run("stress", f.PathOf(ScenarioFixture.Scenario), "--out", f.OutDir);
        InputErrorAssert.InputError(stress, f.PathOf(Stress), 2, 3, "has no spot for 'ETH'");
    }

    [Fact]
    public void SurfaceReplayWithoutVolsForHeldOptionsIsAnInputError()
    {
        using var f = WithStress("surface:\n  name: late\n  as_of: 2026-02-05T21:29:37Z\n  spots: late-spots.csv\n");
        f.Set("late-spots.csv", "underlying,spot\nBTC,64000\nETH,1900\n");
        InputErrorAssert.Fails(f, Stress, 2, 3, "surface replay 'late' has no implied vols for 'BTC', which the book holds options on");
    }

    [Fact]
    public void ReplayDataFilesAreHashedInTheManifest()
    {
        using var f = WithStress("surface:\n  name: late\n  as_of: 2026-02-05T21:29:37Z\n  spots: late-spots.csv\n  vol_surface: vol_surface.csv\n");
        f.Set("late-spots.csv", "underlying,spot\nBTC,64000\nETH,1900\n");
        var r = f.Run();
        Assert.True(r.ExitCode == 0, r.Stderr);
        string manifest = File.ReadAllText(Path.Combine(f.OutDir, "manifest.json"));
        Assert.Contains("\"role\": \"stress_data\"", manifest);
        Assert.Contains("late-spots.csv", manifest);
    }
}
