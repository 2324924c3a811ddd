using System.Globalization;
using Spectre.Console;
using StressMargin.Compute;
using StressMargin.Engine;
using StressMargin.Engine.Sharding;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin run SCENARIO.yaml --shard i/N [--out DIR] …</c>: one path shard of a run (docs/formats.md §6.8).</summary>
internal static class ShardCommand
{
    /// <summary>Parses <c>i/N</c> (0 ≤ i &lt; N).</summary>
    /// <param name="text">The option value.</param>
    /// <param name="index">i.</param>
    /// <param name="count">N.</param>
    /// <returns>True when well formed.</returns>
    public static bool TryParse(string text, out int index, out int count)
    {
        index = count = 0;
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && count >= 1 && index < count;
    }

    /// <summary>Loads the scenario, simulates the shard's paths and writes the shard folder.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="overrides">Paths, seed and output folder.</param>
    /// <param name="device">Backend name.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="index">Shard index.</param>
    /// <param name="count">Shard count.</param>
    /// <param name="precision">GPU precision.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Exit code.</returns>
    public static int Execute(CommandContext ctx, string scenario, RunOverrides overrides, string device, int? threads, int index, int count,
        GpuPrecision precision, CancellationToken cancellationToken)
    {
        var input = ScenarioLoader.Load(scenario, overrides);
        if (count > input.Plan.PathCount) throw new Cli.UsageException($"--shard {index}/{count}: more shards than the run's {input.Plan.PathCount:N0} paths");
        var (backend, fallback) = BackendSelector.Select(device, threads, precision);
        using var release = backend as IDisposable;
        using var folder = OutputFolder.Acquire(input.Scenario.OutputDirectory, false, ctx.Log.WriteLine, cancellationToken);
        var range = PathRange.Shard(index, count, input.Plan.PathCount);
        ctx.Log.WriteLine($"stressmargin {ToolInfo.Version} — {Path.GetFileName(scenario)}, shard {index}/{count}: paths [{range.First:N0}, {range.End:N0}) of {input.Plan.PathCount:N0}, seed {input.Plan.Seed}");
        ctx.Log.WriteLine($"  {input.Book.Accounts.Count:N0} accounts, {input.Plan.InstrumentCount:N0} instruments to revalue{(index == 0 && input.StressScenarios.Count > 0 ? $", {input.StressScenarios.Count} stress scenarios (shard 0 computes them)" : "")}");
        ctx.Log.WriteLine($"  backend {backend.Name}: {backend.Device}{(fallback is null ? "" : $" ({fallback})")}");
        var (manifest, paths) = ShardJob.Run(input, backend, index, count, input.Scenario.OutputDirectory, new PlainProgress(ctx.Log), cancellationToken, threads);
        var t = manifest.TimingsSeconds;
        ctx.Out.WriteLine(FormattableString.Invariant($"shard {index}/{count}: {range.Count:N0} paths, load {input.LoadSeconds:F2} s, simulate {t.GetValueOrDefault("simulate"):F2} s, tail {t.GetValueOrDefault("tail"):F2} s"));
        foreach (var p in paths) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }
}
