using StressMargin.Cli;

namespace StressMargin.Tests.BadInput;

/// <summary>The unmutated fixture is valid, so each bad-input test fails only because of its one mutation.</summary>
public class FixtureBaselineTests
{
    [Fact]
    public void UnmutatedFixtureValidates()
    {
        using var f = new ScenarioFixture();
        var r = f.Validate();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains("scenario.yaml: valid", r.Stdout);
        Assert.Contains("6 instruments (5 held with market risk), 3 accounts, 8 positions", r.Stdout);
    }

    [Fact]
    public void UnmutatedFixtureRunsAndWritesExactlyItsOutputs()
    {
        using var f = new ScenarioFixture();
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Equal(["attribution.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html"], f.OutputEntries().Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("2,000 paths, seed 7", r.Stderr);
    }

    [Fact]
    public void NumberOptionsOverrideTheScenario()
    {
        // The options whose bad values the command-line tests reject are accepted when valid.
        using var f = new ScenarioFixture();
        var r = f.Run("--paths", "1500", "--seed", "3", "--threads", "1", "--device", "cpu");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains("1,500 paths, seed 3", r.Stderr);
    }
}
