using System.Diagnostics;
using StressMargin.IO.Output;

namespace StressMargin.Engine;

/// <summary>Writes a run's <c>margin.csv</c>, <c>attribution.csv</c>, <c>greeks.csv</c>, <c>explain.csv</c>, <c>stress.csv</c> (when stress scenarios are configured),
/// <c>calibration.csv</c> (with a calibration block), <c>histogram.csv</c> (when the backend counted loss histograms),
/// <c>report.html</c> (when asked) and <c>manifest.json</c> atomically.</summary>
public static class RunOutputs
{
    /// <summary>Writes the outputs into the scenario's output folder: all files appear together, or none do.</summary>
    /// <param name="run">The run.</param>
    /// <param name="fallbackReason">Why the requested device was not used, if so.</param>
    /// <param name="cancellationToken">Checked before the files are renamed into place: a cancelled run writes nothing.</param>
    /// <param name="shards">The shards of a merged run, for the manifest; null for an unsharded run.</param>
    /// <param name="writeReport">Writes <c>report.html</c> to the temporary path it is given (the report lives in
    /// another project, which references this one); null writes no report. Its seconds are the manifest's
    /// <c>report</c> timing.</param>
    /// <returns>Final paths and the seconds spent writing.</returns>
    /// <exception cref="OutputException">The folder or a file cannot be written (the previous outputs are intact and no
    /// temporary file is left).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the renames.</exception>
    public static (IReadOnlyList<string> Paths, double Seconds) Write(MarginRunResult run, string? fallbackReason = null, CancellationToken cancellationToken = default,
        IReadOnlyList<Sharding.ShardFolder>? shards = null, Action<string>? writeReport = null)
    {
        var clock = Stopwatch.StartNew();
        using var files = new AtomicFileSet(run.Input.Scenario.OutputDirectory);
        files.Write("margin.csv", p => MarginCsv.Write(p, run.Accounts));
        files.Write("attribution.csv", p => AttributionCsv.Write(p, run.Attribution));
        files.Write("greeks.csv", p => GreeksCsv.Write(p, GreeksJob.Run(run.Input)));
        files.Write("explain.csv", p => ExplainCsv.Write(p, Explain.ImExplainer.ExplainRun(run)));
        if (run.Stress.Scenarios.Count > 0) files.Write("stress.csv", p => StressCsv.Write(p, run.Stress));
        if (run.Input.Calibration is { } calibration) files.Write("calibration.csv", p => CalibrationCsv.Write(p, run.Input.Factors, calibration.Result));
        if (run.Risk.Histograms is { } histograms) files.Write("histogram.csv", p => HistogramCsv.Write(p, run.Accounts.Select(a => a.AccountId).ToArray(), histograms));
        var stages = new List<KeyValuePair<string, double>> { new("load", run.Input.LoadSeconds) };
        stages.AddRange(run.Risk.StageSeconds);
        stages.Add(new("write", clock.Elapsed.TotalSeconds));
        if (writeReport is not null)
        {
            var reportClock = Stopwatch.StartNew();
            files.Write("report.html", writeReport);
            stages.Add(new("report", reportClock.Elapsed.TotalSeconds));
        }
        files.WriteText("manifest.json", RunManifest.ToJson(run, stages, fallbackReason, files.Hashes(), shards));
        files.Commit(cancellationToken);
        return (files.FinalPaths.ToArray(), clock.Elapsed.TotalSeconds);
    }
}
