using System.Diagnostics;
using StressMargin.Compute;
using StressMargin.IO.Output;
using StressMargin.IO.Shards;

namespace StressMargin.Engine.Sharding;

/// <summary>
/// <c>run … --shard i/N</c>: simulates only shard i's contiguous range of path indices,
/// [⌊i·n/N⌋, ⌊(i + 1)·n/N⌋) (Philox is keyed by (seed, path), so any range is reproducible anywhere), and writes its
/// partial result: every account's tail candidates (<c>tails.bin</c>) and <c>shard.json</c>; shard 0 also computes
/// the deterministic stress scenarios and add-ons once (<c>deterministic.bin</c>). <see cref="MergeJob"/> combines the
/// shards into exactly the outputs of an unsharded run (docs/model.md §8).
/// </summary>
public static class ShardJob
{
    /// <summary>Runs one shard and writes its folder atomically.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="backend">The compute backend.</param>
    /// <param name="index">Shard index i, 0 ≤ i &lt; N.</param>
    /// <param name="count">Shard count N, 1 ≤ N ≤ n.</param>
    /// <param name="directory">The shard's output folder.</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="maxThreads">Worker threads of the stress scenarios (shard 0).</param>
    /// <returns>The shard's manifest and the files written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">i or N out of range.</exception>
    /// <exception cref="OutputException">The folder cannot be written (nothing is left half-written).</exception>
    public static (ShardManifest Manifest, IReadOnlyList<string> Paths) Run(LoadedScenario input, IComputeBackend backend, int index, int count, string directory,
        IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default, int? maxThreads = null)
    {
        var plan = input.Plan;
        var range = PathRange.Shard(index, count, plan.PathCount);
        var clock = Stopwatch.StartNew();
        DeterministicMargin? deterministic = index == 0 ? MarginJob.Deterministic(input, cancellationToken, maxThreads) : null;
        double deterministicSeconds = clock.Elapsed.TotalSeconds;
        var simulation = backend.Simulate(plan, range, progress, cancellationToken);
        using var files = new AtomicFileSet(directory);
        files.Write("tails.bin", path => TailPartialFile.Write(path, simulation.Tails));
        if (deterministic is not null)
        {
            var stress = deterministic.Stress;
            var pnl = new double[stress.AccountIds.Count, stress.Scenarios.Count];
            for (int a = 0; a < stress.AccountIds.Count; a++)
                for (int s = 0; s < stress.Scenarios.Count; s++) pnl[a, s] = stress.Pnl(a, s);
            files.Write("deterministic.bin", path => DeterministicMarginFile.Write(path, pnl, deterministic.AddOns));
        }
        var hashes = files.Hashes().ToDictionary(h => h.File, h => h.Sha256);
        var timings = new Dictionary<string, double> { ["load"] = input.LoadSeconds };
        if (deterministic is not null) timings["stress_and_addons"] = deterministicSeconds;
        foreach (var kv in simulation.StageSeconds) timings[kv.Key] = kv.Value;
        var manifest = new ShardManifest
        {
            Format = ShardManifest.CurrentFormat,
            ToolVersion = ToolInfo.Version,
            ToolCommit = ToolInfo.Commit,
            Scenario = Path.GetFullPath(input.Scenario.Path),
            Paths = plan.PathCount,
            Seed = plan.Seed,
            EsConfidence = plan.EsConfidence,
            VarConfidence = plan.VarConfidence,
            Accounts = plan.AccountCount,
            Positions = input.Book.Positions.Count,
            Index = index,
            Count = count,
            FirstPath = range.First,
            EndPath = range.End,
            Backend = backend.Name,
            Device = backend.Device,
            Revaluations = simulation.Revaluations,
            TimingsSeconds = timings,
            Inputs = input.Files.Select(f => new ShardInput(f.Role, f.Path, f.Sha256)).ToArray(),
            Files = hashes,
        };
        files.WriteText(ShardManifest.FileName, manifest.ToJson());
        files.Commit(cancellationToken);
        return (manifest, files.FinalPaths.ToArray());
    }
}
