using System.CommandLine;
using StressMargin.Compute;
using StressMargin.Engine;
using StressMargin.Engine.Sharding;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin merge SHARD_DIR… [--out DIR] [--device …] [--threads N]</c>: the outputs of a path-sharded
/// run, byte-identical to the unsharded run's margin.csv, attribution.csv and stress.csv (docs/formats.md §6.8).</summary>
internal static class MergeCommand
{
    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <param name="deviceOption">The shared --device option.</param>
    /// <param name="threadsOption">The shared --threads option.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit, Option<string> deviceOption, Option<int?> threadsOption, CancellationToken cancellationToken)
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard folders (written by 'run … --shard i/N'), in any order.", Arity = ArgumentArity.OneOrMore };
        var outOption = new Option<string?>("--out") { Description = "Output folder (default: the scenario's output.dir)." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html." };
        var command = new Command("merge", "Combine the shards of a path-sharded run into the outputs of the unsharded run; writes margin.csv, attribution.csv, stress.csv, manifest.json.")
        {
            shards, outOption, deviceOption, threadsOption, noReport,
        };
        command.SetAction(r =>
        {
            string? outDir = r.GetValue(outOption);
            if (outDir is not null && File.Exists(outDir)) throw new Cli.UsageException($"--out '{outDir}' is a file; expected a folder (created if missing)");
            int? threads = r.GetValue(threadsOption);
            if (threads is <= 0) throw new Cli.UsageException($"--threads must be a positive whole number, got {threads}");
            setExit(Execute(ctx, r.GetValue(shards)!, outDir, r.GetValue(deviceOption)!, threads, !r.GetValue(noReport), cancellationToken));
        });
        return command;
    }

    /// <summary>Checks the shards, merges them and writes the outputs.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="directories">Shard folders.</param>
    /// <param name="outDir">Output folder or null.</param>
    /// <param name="device">Backend for component ES.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="report">Write report.html with the other outputs.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Exit code.</returns>
    public static int Execute(CommandContext ctx, IReadOnlyList<string> directories, string? outDir, string device, int? threads, bool report, CancellationToken cancellationToken)
    {
        var shards = MergeJob.ReadShards(directories);
        var input = MergeJob.LoadScenario(shards, outDir);
        var (backend, fallback) = BackendSelector.Select(device, threads, GpuPrecision.Double);
        using var release = backend as IDisposable;
        // The output folder is created, locked and probed before any work, as for run.
        using var folder = OutputFolder.Acquire(input.Scenario.OutputDirectory, false, ctx.Log.WriteLine, cancellationToken);
        var m = shards[0].Manifest;
        ctx.Log.WriteLine($"stressmargin {ToolInfo.Version} — merging {shards.Count} shard(s) of {Path.GetFileName(m.Scenario)}: {m.Paths:N0} paths, seed {m.Seed}, {m.Accounts:N0} accounts");
        ctx.Log.WriteLine($"  component ES on {backend.Name}: {backend.Device}{(fallback is null ? "" : $" ({fallback})")}");
        var run = MergeJob.Run(input, shards, backend, new PlainProgress(ctx.Log), cancellationToken);
        var (paths, _) = RunOutputs.Write(run, fallback, cancellationToken, shards, report ? path => Report.RunReport.Write(path, run, fallback) : null);
        foreach (var p in paths) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }
}
