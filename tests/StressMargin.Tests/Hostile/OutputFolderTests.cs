using System.Text.Json;
using StressMargin.Cli;
using StressMargin.IO.Output;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Hostile;

/// <summary>The output folder lock, the manifest's output hashes and <c>verify</c>, in one process.</summary>
public class OutputFolderTests
{
    [Fact]
    public void ARunIntoAFolderLockedByAnotherHolderFailsWithExit8AndWritesNothing()
    {
        using var f = new ScenarioFixture();
        using (OutputFolder.Acquire(f.OutDir))
        {
            var r = f.Run();
            Assert.Equal(ExitCodes.OutputLocked, r.ExitCode);
            Assert.StartsWith($"error: the output folder {f.OutDir} is in use by another stressmargin run", r.Stderr);
            Assert.Equal([OutputFolder.LockFileName], f.OutputEntries().Select(Path.GetFileName));
        }
        Assert.False(Directory.Exists(f.OutDir)); // the holder created it, left it empty, and removed it
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
    }

    [Fact]
    public async Task WaitLockWaitsForTheHolderAndStopsWhenCancelled()
    {
        using var f = new ScenarioFixture();
        var holder = OutputFolder.Acquire(f.OutDir);
        using var cts = new CancellationTokenSource();
        var lines = new List<string>();
        var waiting = Task.Run(() => OutputFolder.Acquire(f.OutDir, waitForLock: true, onWait: lines.Add, cancellationToken: cts.Token));
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);
        holder.Dispose();
        using (var second = await waiting) Assert.Equal(f.OutDir, second.Directory);
        Assert.Single(lines);

        using var third = OutputFolder.Acquire(f.OutDir);
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => OutputFolder.Acquire(f.OutDir, waitForLock: true, cancellationToken: cts.Token));
    }

    [Fact]
    public void TheManifestHashesEveryOutputAndVerifyFindsAModifiedFile()
    {
        using var f = new ScenarioFixture();
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.OutDir, "manifest.json")));
        var outputs = manifest.RootElement.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(["margin.csv", "attribution.csv", "greeks.csv", "explain.csv", "histogram.csv", "report.html"], outputs.Select(o => o.GetProperty("file").GetString()));
        foreach (var o in outputs)
        {
            var actual = OutputFileInfo.Of("x", Path.Combine(f.OutDir, o.GetProperty("file").GetString()!));
            Assert.Equal(actual.Sha256, o.GetProperty("sha256").GetString());
            Assert.Equal(actual.Bytes, o.GetProperty("bytes").GetInt64());
        }
        var ok = CliRunner.Run("verify", f.OutDir);
        Assert.Equal(ExitCodes.Success, ok.ExitCode);
        Assert.Contains("verified: 6 file(s) match manifest.json", ok.Stdout);

        // One changed digit, same size: only the hash can tell.
        string margin = Path.Combine(f.OutDir, "margin.csv");
        string text = File.ReadAllText(margin);
        int digit = text.IndexOfAny("123456789".ToCharArray(), text.IndexOf('\n'));
        File.WriteAllText(margin, text[..digit] + (text[digit] == '9' ? '8' : (char)(text[digit] + 1)) + text[(digit + 1)..]);
        var bad = CliRunner.Run("verify", f.OutDir);
        Assert.Equal(ExitCodes.VerifyMismatch, bad.ExitCode);
        Assert.Contains("MODIFIED  margin.csv (sha256", bad.Stdout);
        Assert.Contains("ok        attribution.csv", bad.Stdout);

        File.Delete(margin);
        var missing = CliRunner.Run("verify", f.OutDir);
        Assert.Equal(ExitCodes.VerifyMismatch, missing.ExitCode);
        Assert.Contains("MISSING   margin.csv", missing.Stdout);
    }

    [Fact]
    public void VerifyFindsAStressCsvLeftByAnEarlierRunWithOtherSettings()
    {
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set("stress.yaml", "scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.3 } } }]\n");
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
        f.Replace(ScenarioFixture.Scenario, "  stress: [stress.yaml]\n", "");
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
        var r = CliRunner.Run("verify", f.OutDir);
        Assert.Equal(ExitCodes.VerifyMismatch, r.ExitCode);
        Assert.Contains("UNLISTED  stress.csv (no manifest lists it: left by another run)", r.Stdout);
    }

    [Fact]
    public void StressCalibrateAndBacktestManifestsListTheirOutputsForVerify()
    {
        using var f = CalibratedFixture.Create();
        f.Replace(ScenarioFixture.Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set("stress.yaml", "scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.3 } } }]\n");
        f.Materialize();
        string scenario = f.PathOf(ScenarioFixture.Scenario);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("stress", scenario, "--out", f.PathOf("s")).ExitCode);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("calibrate", scenario, "--out", f.PathOf("c")).ExitCode);
        var bt = CliRunner.Run("backtest", scenario, "--from", "2026-01-28", "--to", "2026-01-31", "--paths", "2000", "--out", f.PathOf("b"));
        Assert.True(bt.ExitCode == ExitCodes.Success, bt.Stderr);
        foreach (var (dir, manifest) in new[] { ("s", "stress-manifest.json"), ("c", "calibration.json"), ("b", "backtest.json") })
        {
            var r = CliRunner.Run("verify", f.PathOf(dir));
            Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
            Assert.Contains($"match {manifest}", r.Stdout);
        }
    }
}
