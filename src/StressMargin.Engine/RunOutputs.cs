using System.Diagnostics;
using StressMargin.IO.Output;

namespace StressMargin.Engine;

/// <summary>Writes a run's <c>margin.csv</c>, <c>attribution.csv</c>, <c>stress.csv</c> (when stress scenarios are configured),
/// <c>calibration.csv</c> (with a calibration block) and <c>manifest.json</c> atomically.</summary>
public static class RunOutputs
{
    /// <summary>Writes the outputs into the scenario's output folder: all files appear together, or none do.</summary>
    /// <param name="run">The run.</param>
    /// <param name="fallbackReason">Why the requested device was not used, if so.</param>
    /// <param name="cancellationToken">Checked before the files are renamed into place: a cancelled run writes nothing.</param>
    /// <param name="shards">The shards of a merged run, for the manifest; null for an unsharded run.</param>
    /// <returns>Final paths and the seconds spent writing.</returns>
    /// <exception cref="OutputException">The folder or a file cannot be written (the previous outputs are intact and no
    /// temporary file is left).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the renames.</exception>
    public static (IReadOnlyList<string> Paths, double Seconds) Write(MarginRunResult run, string? fallbackReason = null, CancellationToken cancellationToken = default,
        IReadOnlyList<Sharding.ShardFolder>? shards = null)
    {
        var clock = Stopwatch.StartNew();
        using var files = new AtomicFileSet(run.Input.Scenario.OutputDirectory);
        files.Write("margin.csv", p => MarginCsv.Write(p, run.Accounts));
        files.Write("attribution.csv", p => AttributionCsv.Write(p, run.Attribution));
        if (run.Stress.Scenarios.Count > 0) files.Write("stress.csv", p => StressCsv.Write(p, run.Stress));
        if (run.Input.Calibration is { } calibration) files.Write("calibration.csv", p => CalibrationCsv.Write(p, run.Input.Factors, calibration.Result));
        var stages = new List<KeyValuePair<string, double>> { new("load", run.Input.LoadSeconds) };
        stages.AddRange(run.Risk.StageSeconds);
        stages.Add(new("write", clock.Elapsed.TotalSeconds));
        files.WriteText("manifest.json", RunManifest.ToJson(run, stages, fallbackReason, files.Hashes(), shards));
        files.Commit(cancellationToken);
        return (files.FinalPaths.ToArray(), clock.Elapsed.TotalSeconds);
    }
}
