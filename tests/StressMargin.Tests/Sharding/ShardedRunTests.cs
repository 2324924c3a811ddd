using StressMargin.Tests.Support;

namespace StressMargin.Tests.Sharding;

/// <summary>Path-sharded runs through the command line: the merge is byte-identical to the unsharded run, and a
/// missing, duplicated, foreign or damaged shard is a clear input error.</summary>
public class ShardedRunTests
{
    private const string Paths = "6000";
    private static readonly string[] Outputs = ["margin.csv", "attribution.csv", "greeks.csv", "explain.csv", "stress.csv", "histogram.csv"];

    private static void Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"stressmargin {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Stderr}");
    }

    private static string[] Shards(TempDir dir, string scenario, int count, string paths = Paths)
    {
        var folders = new string[count];
        for (int i = 0; i < count; i++)
        {
            folders[i] = Path.Combine(dir.Path, $"n{count}-shard-{i}");
            Run("run", scenario, "--paths", paths, "--device", "cpu", "--threads", (1 + i % 3).ToString(), "--shard", $"{i}/{count}", "--out", folders[i]);
        }
        return folders;
    }

    [Fact]
    public void MergedShardsAreByteIdenticalToTheUnshardedRunForOneTwoThreeAndSevenShards()
    {
        using var dir = new TempDir();
        string whole = Path.Combine(dir.Path, "whole");
        Run("run", RepoPaths.SampleScenario, "--paths", Paths, "--device", "cpu", "--out", whole);
        foreach (int count in new[] { 1, 2, 3, 7 })
        {
            var folders = Shards(dir, RepoPaths.SampleScenario, count);
            Assert.True(File.Exists(Path.Combine(folders[0], "deterministic.bin")));
            Assert.All(folders.Skip(1), f => Assert.False(File.Exists(Path.Combine(f, "deterministic.bin"))));
            string merged = Path.Combine(dir.Path, $"merged-{count}");
            Run(["merge", .. folders.Reverse(), "--out", merged, "--threads", "2"]);
            foreach (var file in Outputs)
                Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))),
                    $"{file} of the {count}-shard merge differs from the unsharded run");
            string manifest = File.ReadAllText(Path.Combine(merged, "manifest.json"));
            Assert.Contains("\"shards\"", manifest);
            Assert.Contains($"\"count\": {count}", manifest);
        }
    }

    [Fact]
    public void MissingDuplicatedForeignAndDamagedShardsAreInputErrors()
    {
        using var dir = new TempDir();
        var folders = Shards(dir, RepoPaths.SampleScenario, 3, "3000");
        string outDir = Path.Combine(dir.Path, "out");

        var missing = CliRunner.Run("merge", folders[0], folders[2], "--out", outDir);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("shard 1 of 3 missing", missing.Stderr);

        var twice = CliRunner.Run("merge", folders[0], folders[1], folders[1], folders[2], "--out", outDir);
        Assert.Equal(3, twice.ExitCode);
        Assert.Contains("shard 1 of 3 is given twice", twice.Stderr);

        string foreign = Path.Combine(dir.Path, "foreign");
        Run("run", RepoPaths.SampleScenario, "--paths", "3000", "--seed", "7", "--device", "cpu", "--shard", "1/3", "--out", foreign);
        var other = CliRunner.Run("merge", folders[0], foreign, folders[2], "--out", outDir);
        Assert.Equal(3, other.ExitCode);
        Assert.Contains("not a shard of the same run", other.Stderr);
        Assert.Contains("seed 7", other.Stderr);

        var bytes = File.ReadAllBytes(Path.Combine(folders[2], "tails.bin"));
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(Path.Combine(folders[2], "tails.bin"), bytes);
        var damaged = CliRunner.Run("merge", folders[0], folders[1], folders[2], "--out", outDir);
        Assert.Equal(3, damaged.ExitCode);
        Assert.Contains("tails.bin: SHA-256 differs from shard.json", damaged.Stderr);

        var notShard = CliRunner.Run("merge", dir.Path, "--out", outDir);
        Assert.Equal(3, notShard.ExitCode);
        Assert.Contains("not a shard folder", notShard.Stderr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir, "*.csv").Any(), "a failed merge wrote outputs");

        var usage = CliRunner.Run("run", RepoPaths.SampleScenario, "--shard", "3/3");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--shard: expected i/N", usage.Stderr);
    }

    [Fact]
    public void InputsChangedAfterTheShardsRanAreRefused()
    {
        using var dir = new TempDir();
        string scenario = EngineScenarios.OnSampleMarket(dir, EngineScenarios.AllKindsBook, 2000);
        var folders = Shards(dir, scenario, 2, "2000");
        File.WriteAllText(dir.File("positions.csv"), File.ReadAllText(dir.File("positions.csv")).TrimEnd() + "\nE,BTC-PERPETUAL,1\n");
        var r = CliRunner.Run("merge", folders[0], folders[1], "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(3, r.ExitCode);
        Assert.True(r.Stderr.Contains("positions.csv: changed since the shards ran"), r.Stderr);
    }
}
