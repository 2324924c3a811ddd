using System.Diagnostics;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Sharding;

/// <summary>
/// The Slurm recipe of deploy/slurm on a real single-node cluster: a 4-task job array of shards and the merge job that
/// depends on it (afterok), on the sample at reduced paths, compared byte for byte with the unsharded run. .ci/run starts
/// the cluster (deploy/slurm/test-cluster.sh) and exports SLURM_CONF; without a cluster the test runs the sbatch scripts'
/// commands directly, as array tasks would, and says so.
/// </summary>
public class SlurmJobArrayTests(ITestOutputHelper output)
{
    private static string Script(string name) => RepoPaths.Combine("deploy", "slurm", name);

    private static (int Code, string Out) Bash(string script, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr);
    }

    [Fact]
    public void FourShardArrayAndItsMergeReproduceTheUnshardedRunByteForByte()
    {
        using var dir = new TempDir();
        string whole = Path.Combine(dir.Path, "whole"), shards = Path.Combine(dir.Path, "shards"), merged = Path.Combine(dir.Path, "merged");
        var run = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "4000", "--device", "cpu", "--out", whole);
        Assert.True(run.ExitCode == 0, run.Stderr);
        string cli = $"dotnet {Path.Combine(AppContext.BaseDirectory, "stressmargin.dll")}";
        var env = new Dictionary<string, string> { ["SM_CMD"] = cli };

        string? conf = Environment.GetEnvironmentVariable("SLURM_CONF");
        if (conf is not null && File.Exists(conf))
        {
            var submit = Bash(Script("submit.sh"), env, RepoPaths.SampleScenario, "4", shards, merged, "--", "--paths", "4000", "--device", "cpu", "--threads", "1");
            Assert.True(submit.Code == 0, submit.Out);
            string mergeJob = submit.Out.Split('\n').First(l => l.StartsWith("merge ", StringComparison.Ordinal))[6..].Trim();
            output.WriteLine($"real Slurm cluster ({conf}): {submit.Out.Replace('\n', ' ')}");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(8))
            {
                var psi = new ProcessStartInfo("squeue", ["-h", "-o", "%i %T"]) { RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                string jobs = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (jobs.Trim().Length == 0) break;
                Thread.Sleep(1000);
            }
            Assert.True(File.Exists(Path.Combine(merged, "margin.csv")),
                $"the merge job {mergeJob} wrote no margin.csv; job logs: " + string.Join("\n", Directory.GetFiles(shards, "*.out").Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}")));
        }
        else
        {
            output.WriteLine("no Slurm cluster (SLURM_CONF unset): running the sbatch scripts as four array tasks and the merge, directly");
            env["SM_SCENARIO"] = RepoPaths.SampleScenario;
            env["SM_SHARDS_DIR"] = shards;
            env["SM_OUT"] = merged;
            env["SM_RUN_ARGS"] = "--paths 4000 --device cpu --threads 1";
            env["SLURM_ARRAY_TASK_COUNT"] = "4";
            for (int i = 0; i < 4; i++)
            {
                env["SLURM_ARRAY_TASK_ID"] = i.ToString();
                var task = Bash(Script("stressmargin-shard.sbatch"), env);
                Assert.True(task.Code == 0, task.Out);
            }
            var merge = Bash(Script("stressmargin-merge.sbatch"), env);
            Assert.True(merge.Code == 0, merge.Out);
        }
        Assert.Equal(4, Directory.GetDirectories(shards, "shard-*").Length);
        foreach (var file in new[] { "margin.csv", "attribution.csv", "stress.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
    }
}
