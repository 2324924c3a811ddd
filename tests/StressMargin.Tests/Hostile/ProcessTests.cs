using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Hostile;

/// <summary>
/// What only separate processes can show: two <c>stressmargin run</c> processes into one folder (the second fails at
/// once, or waits with <c>--wait-lock</c>; the folder ends consistent), a real SIGTERM (exit 143, nothing written),
/// a write that fails for lack of space (exit 6, the previous outputs intact, no temporary left), and leftovers of a
/// killed run removed by the next one. The runs use the built CLI (<c>dotnet stressmargin.dll</c>).
/// </summary>
public class ProcessTests
{
    /// <summary>Enough paths that the simulation takes a few seconds on one thread, long after the header is written.</summary>
    private const string SlowPaths = "400000";

    /// <summary>A shell prefix limiting the size of every file the process writes to <paramref name="kib"/> KiB, with
    /// SIGXFSZ ignored so that write(2) fails with EFBIG instead of killing the process, and the runtime's W^X double
    /// mapping (a large memory file) off so that the runtime itself starts under the limit.</summary>
    private static string FileSizeLimit(int kib) => $"export DOTNET_EnableWriteXorExecute=0; trap '' XFSZ; ulimit -f {kib};";

    private static string[] RunArgs(ScenarioFixture f, params string[] extra) => ["run", f.PathOf(ScenarioFixture.Scenario), "--out", f.OutDir, "--device", "cpu", .. extra];

    private static void AssertVerified(string dir)
    {
        var v = CliRunner.Run("verify", dir);
        Assert.True(v.ExitCode == ExitCodes.Success, v.Stdout + v.Stderr);
    }

    private static ulong ManifestSeed(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("simulation").GetProperty("seed").GetUInt64();

    private static string[] Entries(string dir) => Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void ASecondRunIntoTheSameFolderFailsAtOnceAndAThirdWaitsWithWaitLock()
    {
        using var f = new ScenarioFixture();
        f.Materialize();
        using var first = CliProcess.Start(RunArgs(f, "--paths", SlowPaths, "--threads", "1", "--seed", "11"));
        first.WaitForStderr("  backend cpu"); // the header is written after the folder is locked
        Posix.Signal(first.Id, "STOP");       // hold it there, lock held, while the others start
        try
        {
            using var second = CliProcess.Start(RunArgs(f, "--seed", "22"));
            Assert.Equal(ExitCodes.OutputLocked, second.WaitForExit());
            Assert.Contains($"the output folder {f.OutDir} is in use by another stressmargin run", second.Stderr);
            Assert.DoesNotContain("  backend", second.Stderr); // it stopped before simulating

            using var third = CliProcess.Start(RunArgs(f, "--seed", "33", "--wait-lock"));
            third.WaitForStderr("waiting for the other run writing into");
            Posix.Signal(first.Id, "CONT");
            Assert.Equal(ExitCodes.Success, first.WaitForExit());
            Assert.Equal(ExitCodes.Success, third.WaitForExit());
            Assert.True(third.Stderr.IndexOf("waiting", StringComparison.Ordinal) < third.Stderr.IndexOf("  backend", StringComparison.Ordinal), third.Stderr);
        }
        finally
        {
            try { Posix.Signal(first.Id, "CONT"); } catch (InvalidOperationException) { /* it has exited */ }
        }
        // The waiting run wrote last, over the first one's files: the folder is its set alone, and its manifest matches.
        Assert.Equal(33UL, ManifestSeed(f.OutDir));
        Assert.Equal(["attribution.csv", "explain.csv", "greeks.csv", "histogram.csv", "manifest.json", "margin.csv", "report.html"], Entries(f.OutDir));
        AssertVerified(f.OutDir);
    }

    [Fact]
    public void SigtermCancelsTheRunWritesNothingAndExitsWith143()
    {
        using var f = new ScenarioFixture();
        // A previous run's outputs: they must survive the cancelled run untouched.
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
        var before = Entries(f.OutDir).ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(f.OutDir, n)));

        using var run = CliProcess.Start(RunArgs(f, "--paths", SlowPaths, "--threads", "1", "--seed", "5"));
        run.WaitForStderr("  backend cpu");
        Posix.Signal(run.Id, "TERM");
        Assert.Equal(ExitCodes.Terminated, run.WaitForExit());
        Assert.Contains("cancelled; no output written", run.Stderr);
        Assert.DoesNotContain("wrote ", run.Stderr);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Entries(f.OutDir)); // no temporary, no lock file left
        foreach (var (name, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(f.OutDir, name)));
        AssertVerified(f.OutDir);
    }

    [Fact]
    public void SigtermOfARunIntoANewFolderLeavesNoFolder()
    {
        using var f = new ScenarioFixture();
        f.Materialize();
        using var run = CliProcess.Start(RunArgs(f, "--paths", SlowPaths, "--threads", "1"));
        run.WaitForStderr("  backend cpu");
        Posix.Signal(run.Id, "TERM");
        Assert.Equal(ExitCodes.Terminated, run.WaitForExit());
        Assert.False(Directory.Exists(f.OutDir), string.Join(", ", f.OutputEntries()));
    }

    [Fact]
    public void AWriteThatRunsOutOfSpaceIsAnOutputErrorAndKeepsThePreviousOutputs()
    {
        // A file-size limit (ulimit -f, in KiB blocks) makes write(2) fail with EFBIG, as a full disk fails with ENOSPC:
        // the 4 KiB probe passes, the 8 KiB limit stops stress.csv (three accounts × 150 scenarios).
        using var f = new ScenarioFixture();
        f.Replace(ScenarioFixture.Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set("stress.yaml", "grid: { spot: [-0.5, 0.5, 50], vol: [up, none, down], vol_up: 0.5, vol_down: -0.25 }\n");
        Assert.Equal(ExitCodes.Success, f.Run().ExitCode);
        var before = Entries(f.OutDir).ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(f.OutDir, n)));
        Assert.True(new FileInfo(Path.Combine(f.OutDir, "stress.csv")).Length > 8192);

        using var run = CliProcess.StartWithShell(FileSizeLimit(8), RunArgs(f, "--seed", "99"));
        Assert.Equal(ExitCodes.OutputError, run.WaitForExit());
        Assert.Contains("error: output: cannot write", run.Stderr);
        Assert.Contains("stress.csv: file too large", run.Stderr);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Entries(f.OutDir)); // no temporary left
        foreach (var (name, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(f.OutDir, name)));
        AssertVerified(f.OutDir);
    }

    [Fact]
    public void AFolderThatCannotTakeTheProbeFailsBeforeTheSimulation()
    {
        // With a 2 KiB file-size limit even the 4 KiB probe fails: exit 6 before the header, nothing simulated.
        using var f = new ScenarioFixture();
        f.Materialize();
        using var run = CliProcess.StartWithShell(FileSizeLimit(2), RunArgs(f));
        Assert.Equal(ExitCodes.OutputError, run.WaitForExit());
        Assert.Contains("cannot write a probe file into the output folder", run.Stderr);
        Assert.DoesNotContain("  backend", run.Stderr);
        Assert.False(Directory.Exists(f.OutDir), string.Join(", ", f.OutputEntries()));
    }

    [Fact]
    public void TemporariesOfADeadProcessAreRemovedAndThoseOfALiveOneKept()
    {
        using var f = new ScenarioFixture();
        Directory.CreateDirectory(f.OutDir);
        string dead = Path.Combine(f.OutDir, $".margin.csv.{Posix.DeadPid()}.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(f.OutDir, $".margin.csv.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(f.OutDir, ".notes.tmp");
        foreach (var p in new[] { dead, live, other }) File.WriteAllText(p, "partial");
        var r = f.Run();
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stderr);
        Assert.Contains($"removed {dead}, left by a run that was killed while writing", r.Stderr);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other)); // not one of ours
    }
}
