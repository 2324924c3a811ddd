using StressMargin.Cli;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

public class StressCommandTests
{
    [Fact]
    public void StressCommandWritesStressCsvWhoseRowsSumToTheBookAndNoMarginFiles()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("stress", RepoPaths.SampleScenario, "--out", dir.Path);
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Equal(["stress-manifest.json", "stress.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Worst stress scenarios for the book", r.Stdout);
        var rows = File.ReadLines(dir.File("stress.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(305 * 56, rows.Length);
        // Every scenario is present, summed over the book; the book is net long, so the Deribit grid's −16 % point loses.
        var byScenario = rows.GroupBy(x => x[1]).ToDictionary(g => g.Key, g => g.Sum(x => double.Parse(x[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(56, byScenario.Count);
        Assert.True(byScenario["deribit-pm/spot-16%/vol-up"] < 0);
    }

    [Fact]
    public void StressCommandWithoutStressFilesIsAnInputError()
    {
        using var dir = new TempDir();
        string scenario = EngineScenarios.OnSampleMarket(dir, "account_id,instrument_id,quantity\nA,BTC,1\n", 1000);
        var r = CliRunner.Run("stress", scenario);
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        Assert.Contains("names no stress files", r.Stderr);
    }

    [Fact]
    public void FailOnLiquidationExitsWithFourAfterWritingEveryOutput()
    {
        using var dir = new TempDir();
        var plain = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "4000", "--out", dir.File("a"));
        Assert.True(plain.ExitCode == ExitCodes.Success, plain.Stderr);
        var paging = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "4000", "--out", dir.File("b"), "--fail-on-liquidation");
        Assert.Equal(ExitCodes.Liquidation, paging.ExitCode);
        Assert.Contains("in liquidation (--fail-on-liquidation): exit code 4", paging.Stderr);
        Assert.Equal(File.ReadAllText(dir.File("a/margin.csv")), File.ReadAllText(dir.File("b/margin.csv")));
        Assert.Equal(["attribution.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html", "stress.csv"], Directory.GetFiles(dir.File("b")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
