using StressMargin.Cli;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.BadInput;

/// <summary>Command-line mistakes (exit code 2, nothing written) and a bad <c>import deribit</c> input (exit code 3).</summary>
public class CommandLineTests
{
    [Fact]
    public void UnknownCommand()
    {
        var r = CliRunner.Run("simulate", "scenario.yaml");
        InputErrorAssert.UsageError(r, "'simulate'", "usage: stressmargin run SCENARIO.yaml");
    }

    [Fact]
    public void UnknownOption()
    {
        using var f = new ScenarioFixture();
        var r = f.Run("--pathz", "100");
        InputErrorAssert.UsageError(r, "'--pathz'");
        Assert.Empty(f.OutputEntries());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void MissingScenarioArgument(string command)
    {
        var r = CliRunner.Run(command);
        InputErrorAssert.UsageError(r, "scenario");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void NonPositivePaths(string paths)
    {
        using var f = new ScenarioFixture();
        var r = f.Run("--paths", paths);
        InputErrorAssert.UsageError(r, $"--paths must be a whole number between 1 and 1,000,000,000, got {paths}");
        Assert.Empty(f.OutputEntries());
    }

    [Theory]
    [InlineData("--paths", "abc", "--paths: expected a positive whole number (at most 2147483647), got 'abc'")]
    [InlineData("--paths", "2.5", "--paths: expected a positive whole number (at most 2147483647), got '2.5'")]
    [InlineData("--threads", "many", "--threads: expected a positive whole number (at most 2147483647), got 'many'")]
    [InlineData("--seed", "-1", "--seed: expected a whole number between 0 and 18446744073709551615, got '-1'")]
    public void UnparsableNumberOption(string option, string value, string message)
    {
        using var f = new ScenarioFixture();
        var r = f.Run(option, value);
        InputErrorAssert.UsageError(r, message);
        Assert.DoesNotContain("System.", r.Stderr);
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void NonPositiveThreads()
    {
        using var f = new ScenarioFixture();
        var r = f.Run("--threads", "0");
        InputErrorAssert.UsageError(r, "--threads must be a positive whole number, got 0");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void TooManyPaths()
    {
        using var f = new ScenarioFixture();
        var r = f.Run("--paths", "1000000001");
        InputErrorAssert.UsageError(r, "--paths must be a whole number between 1 and 1,000,000,000, got 1000000001");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void OutPointsAtAFile()
    {
        using var f = new ScenarioFixture();
        string file = Path.Combine(Path.GetTempPath(), "stressmargin-out-is-a-file-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "not a folder");
        try
        {
            var r = CliRunner.Run("run", f.PathOf(ScenarioFixture.Scenario), "--out", file);
            InputErrorAssert.UsageError(r, $"--out '{file}' is a file; expected a folder");
            Assert.Equal("not a folder", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void UnrecognizedCommandIsReportedWithoutTheMissingCommandNoise()
    {
        var r = CliRunner.Run("simulate", "x.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unrecognized command", r.Stderr);
        Assert.DoesNotContain("Required command", r.Stderr);
        Assert.Contains("usage: stressmargin run", r.Stderr);
    }

    [Fact]
    public void UnsupportedDevice()
    {
        using var f = new ScenarioFixture();
        var r = f.Run("--device", "gpu");
        InputErrorAssert.UsageError(r, "'gpu'", "auto", "cpu");
        Assert.Empty(f.OutputEntries());
    }

    [Fact]
    public void ImportWithoutOut()
    {
        var r = CliRunner.Run("import", "deribit", RepoPaths.DeribitSnapshot);
        InputErrorAssert.UsageError(r, "'--out' is required");
    }

    [Fact]
    public void ImportChainMissingARequiredColumn()
    {
        using var dir = new TempDir();
        // A two-row chain in the snapshot layout without its index_price column.
        string chain = dir.Write("chain.csv",
            "timestamp,instrument_name,underlying,underlying_name,option_type,strike,expiry_datetime,time_to_maturity,implied_volatility,currency,mark_price\n" +
            "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-P,71463.54,BTC-13FEB26,put,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,0.163\n" +
            "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-C,71463.54,BTC-13FEB26,call,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,0.001\n");
        string outDir = dir.File("market");
        var r = CliRunner.Run("import", "deribit", chain, "--out", outDir);
        InputErrorAssert.InputError(r, chain, 1, 0, "missing column 'index_price'");
        Assert.False(Directory.Exists(outDir), "import created its output folder despite the bad input");
    }

    [Fact]
    public void ImportChainWithBadCell()
    {
        using var dir = new TempDir();
        string chain = dir.Write("chain.csv",
            "timestamp,instrument_name,underlying,underlying_name,option_type,strike,expiry_datetime,time_to_maturity,implied_volatility,currency,index_price\n" +
            "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-P,71463.54,BTC-13FEB26,put,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,71441.49\n" +
            "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-C,71463.54,BTC-13FEB26,C,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,71441.49\n");
        string outDir = dir.File("market");
        var r = CliRunner.Run("import", "deribit", chain, "--out", outDir);
        InputErrorAssert.InputError(r, chain, 3, 5, "option_type: expected call or put, got 'C'");
        Assert.False(Directory.Exists(outDir), "import created its output folder despite the bad input");
    }

    [Fact]
    public void SampleChainImportsCleanly()
    {
        // Guards the two tests above: the same command on the real snapshot succeeds.
        using var dir = new TempDir();
        var r = CliRunner.Run("import", "deribit", RepoPaths.DeribitSnapshot, "--out", dir.File("market"));
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Equal(["depth.csv", "forwards.csv", "instruments.csv", "quotes.csv", "spots.csv", "vol_surface.csv"],
            Directory.GetFileSystemEntries(dir.File("market")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
