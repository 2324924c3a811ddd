using System.Diagnostics;
using StressMargin.Compute;
using StressMargin.Core;
using StressMargin.Core.Risk;
using StressMargin.Core.Stress;
using StressMargin.IO.Shards;

namespace StressMargin.Engine.Sharding;

/// <summary>What a merge read: the shards in index order, with their folders.</summary>
/// <param name="Directory">Shard folder.</param>
/// <param name="Manifest">Its shard.json.</param>
public sealed record ShardFolder(string Directory, ShardManifest Manifest);

/// <summary>
/// <c>merge SHARD_DIR… --out DIR</c>: combines the shards of a path-sharded run into exactly the outputs of the unsharded
/// run. It checks that the folders are the N shards of one run (same scenario, paths, seed, confidence levels, book and
/// input hashes; every index 0 … N − 1 once; data files intact), reloads the scenario (whose inputs must still hash as
/// the shards recorded), merges the tail partials (<see cref="TailPartial.Merge"/>: bit-identical to one range),
/// regenerates the merged tail paths for component ES on a backend, and assembles the margin with shard 0's stress
/// P&amp;L and add-ons.
/// </summary>
public static class MergeJob
{
    /// <summary>Reads and checks the shard folders.</summary>
    /// <param name="directories">Shard folders, in any order.</param>
    /// <returns>The shards in index order.</returns>
    /// <exception cref="InputException">Not a shard folder, a shard of another run, a missing or duplicated index, or a
    /// data file whose SHA-256 differs from its manifest.</exception>
    public static IReadOnlyList<ShardFolder> ReadShards(IReadOnlyList<string> directories)
    {
        if (directories.Count == 0) throw new InputException(null, "merge needs at least one shard folder");
        var shards = directories.Select(d => new ShardFolder(Path.GetFullPath(d), ShardManifest.Read(d))).ToList();
        var first = shards[0];
        foreach (var s in shards.Skip(1))
        {
            string? why = Different(first.Manifest, s.Manifest);
            if (why is not null) throw new InputException(new SourceLocation(Path.Combine(s.Directory, ShardManifest.FileName)), $"not a shard of the same run as {first.Directory}: {why}");
        }
        int count = first.Manifest.Count;
        var byIndex = new ShardFolder?[count];
        foreach (var s in shards)
        {
            int i = s.Manifest.Index;
            if (i < 0 || i >= count) throw new InputException(new SourceLocation(Path.Combine(s.Directory, ShardManifest.FileName)), $"shard index {i} outside 0 … {count - 1}");
            if (byIndex[i] is { } other) throw new InputException(new SourceLocation(s.Directory), $"shard {i} of {count} is given twice (also {other.Directory})");
            var expected = PathRange.Shard(i, count, s.Manifest.Paths);
            if (s.Manifest.FirstPath != expected.First || s.Manifest.EndPath != expected.End)
                throw new InputException(new SourceLocation(Path.Combine(s.Directory, ShardManifest.FileName)), $"shard {i} of {count} covers paths [{s.Manifest.FirstPath}, {s.Manifest.EndPath}), expected [{expected.First}, {expected.End})");
            foreach (var (file, sha) in s.Manifest.Files)
            {
                string path = Path.Combine(s.Directory, file);
                if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file of the shard is missing");
                if (InputFileInfo.Of("shard", path).Sha256 != sha) throw new InputException(new SourceLocation(path), "SHA-256 differs from shard.json (the file changed or is damaged)");
            }
            byIndex[i] = s;
        }
        var missing = Enumerable.Range(0, count).Where(i => byIndex[i] is null).ToArray();
        if (missing.Length > 0) throw new InputException(null, $"shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} of {count} missing");
        if (!byIndex[0]!.Manifest.Files.ContainsKey("deterministic.bin")) throw new InputException(new SourceLocation(byIndex[0]!.Directory), "shard 0 has no deterministic.bin");
        return byIndex!;
    }

    /// <summary>Why two shard manifests are not of the same run, or null.</summary>
    private static string? Different(ShardManifest a, ShardManifest b)
    {
        if (a.Scenario != b.Scenario) return $"scenario {b.Scenario}, not {a.Scenario}";
        if (a.Paths != b.Paths) return $"{b.Paths:N0} paths, not {a.Paths:N0}";
        if (a.Seed != b.Seed) return $"seed {b.Seed}, not {a.Seed}";
        if (a.Count != b.Count) return $"one of {b.Count} shards, not of {a.Count}";
        if (a.EsConfidence != b.EsConfidence || a.VarConfidence != b.VarConfidence) return "other confidence levels";
        if (a.Accounts != b.Accounts || a.Positions != b.Positions) return $"a book of {b.Accounts:N0} accounts and {b.Positions:N0} positions, not {a.Accounts:N0} and {a.Positions:N0}";
        var inputs = a.Inputs.ToDictionary(i => (i.Role, i.Path), i => i.Sha256);
        foreach (var i in b.Inputs)
            if (!inputs.TryGetValue((i.Role, i.Path), out var sha) || sha != i.Sha256) return $"input {i.Role} {i.Path} differs (SHA-256 {i.Sha256[..12]}…)";
        if (a.Inputs.Count != b.Inputs.Count) return "other input files";
        return null;
    }

    /// <summary>Loads the scenario of the shards, checking that its inputs still hash as the shards recorded.</summary>
    /// <param name="shards">The shards (<see cref="ReadShards"/>).</param>
    /// <param name="outputDirectory">Output folder of the merged run, or null for the scenario's.</param>
    /// <returns>The loaded scenario with the shards' paths and seed.</returns>
    /// <exception cref="InputException">The scenario does not load, or an input changed since the shards ran.</exception>
    public static LoadedScenario LoadScenario(IReadOnlyList<ShardFolder> shards, string? outputDirectory)
    {
        var m = shards[0].Manifest;
        var input = ScenarioLoader.Load(m.Scenario, new RunOverrides(m.Paths, m.Seed, outputDirectory));
        var recorded = m.Inputs.ToDictionary(i => (i.Role, i.Path), i => i.Sha256);
        foreach (var f in input.Files)
            if (!recorded.TryGetValue((f.Role, f.Path), out var sha) || sha != f.Sha256)
                throw new InputException(new SourceLocation(f.Path), "changed since the shards ran (its SHA-256 differs from shard.json): rerun the shards");
        if (input.Plan.AccountCount != m.Accounts) throw new InputException(new SourceLocation(m.Scenario), $"the book has {input.Plan.AccountCount:N0} accounts; the shards {m.Accounts:N0}");
        return input;
    }

    /// <summary>Merges the shards and assembles the run.</summary>
    /// <param name="input">The scenario (<see cref="LoadScenario"/>).</param>
    /// <param name="shards">The shards in index order.</param>
    /// <param name="backend">Backend for component ES (regenerates the merged tail paths).</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The run, as an unsharded run of the same scenario would have produced it.</returns>
    /// <exception cref="InputException">A damaged data file.</exception>
    public static MarginRunResult Run(LoadedScenario input, IReadOnlyList<ShardFolder> shards, IComputeBackend backend,
        IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var parts = shards.Select(s => TailPartialFile.Read(Path.Combine(s.Directory, "tails.bin"))).ToArray();
        foreach (var (part, shard) in parts.Zip(shards))
            if (part.FirstPath != shard.Manifest.FirstPath || part.EndPath != shard.Manifest.EndPath || part.AccountCount != input.Plan.AccountCount
                || part.Layout != new TailLayout(input.Plan.PathCount, input.Plan.EsConfidence, input.Plan.VarConfidence))
                throw new InputException(new SourceLocation(Path.Combine(shard.Directory, "tails.bin")), "does not match its shard.json or the scenario");
        var merged = TailPartial.Merge(parts);
        var tails = merged.Reduce();
        double mergeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var components = backend.Attribute(input.Plan, tails, progress, cancellationToken);
        double attributionSeconds = clock.Elapsed.TotalSeconds;

        var (pnl, addOns) = DeterministicMarginFile.Read(Path.Combine(shards[0].Directory, "deterministic.bin"), input.Book.Accounts.Count, input.StressScenarios.Count);
        var stress = StressResult.FromPnl(input.StressScenarios, input.Book.Accounts.Select(a => a.Id).ToArray(), pnl);
        var stages = new List<KeyValuePair<string, double>>
        {
            new("simulate", shards.Sum(s => s.Manifest.TimingsSeconds.GetValueOrDefault("simulate"))),
            new("tail", shards.Sum(s => s.Manifest.TimingsSeconds.GetValueOrDefault("tail")) + mergeSeconds),
            new("attribution", attributionSeconds),
        };
        var risk = new BookRisk(tails, components, stages, shards.Sum(s => s.Manifest.Revaluations), 0, null, merged.Histograms);
        return MarginJob.Assemble(input, risk, new DeterministicMargin(stress, addOns), shards[0].Manifest.Backend, backend.Device);
    }
}
