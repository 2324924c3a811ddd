using System.Diagnostics;
using StressMargin.IO.Output;

namespace StressMargin.Engine;

/// <summary>Writes a run's <c>margin.csv</c>, <c>attribution.csv</c>, <c>stress.csv</c> (when stress scenarios are configured),
/// <c>calibration.csv</c> (with a calibration block), <c>histogram.csv</c> (when the backend counted loss histograms),
/// <c>report.html</c> (when asked) and <c>manifest.json</c> atomically.</summary>
public static class RunOutputs
{
    /// <summary>Writes the outputs into the scenario's output folder: all files appear together, or none do.</summary>
    /// <param name="run">The run.</param>
    /// <param name="fallbackReason">Why the requested device was not used, if so.</param>
    /// <param name="writeReport">Writes <c>report.html</c> to the temporary path it is given (the report lives in
    /// another project, which references this one); null writes no report. Its seconds are the manifest's
    /// <c>report</c> timing.</param>
    /// <returns>Final paths and the seconds spent writing.</returns>
    /// <exception cref="IOException">The folder or a file cannot be written (no partial file is left).</exception>
    public static (IReadOnlyList<string> Paths, double Seconds) Write(MarginRunResult run, string? fallbackReason = null, Action<string>? writeReport = null)
    {
        var clock = Stopwatch.StartNew();
        using var files = new AtomicFileSet(run.Input.Scenario.OutputDirectory);
        MarginCsv.Write(files.Stage("margin.csv"), run.Accounts);
        AttributionCsv.Write(files.Stage("attribution.csv"), run.Attribution);
        if (run.Stress.Scenarios.Count > 0) StressCsv.Write(files.Stage("stress.csv"), run.Stress);
        if (run.Input.Calibration is { } calibration) CalibrationCsv.Write(files.Stage("calibration.csv"), run.Input.Factors, calibration.Result);
        if (run.Risk.Histograms is { } histograms) HistogramCsv.Write(files.Stage("histogram.csv"), run.Accounts.Select(a => a.AccountId).ToArray(), histograms);
        var stages = new List<KeyValuePair<string, double>> { new("load", run.Input.LoadSeconds) };
        stages.AddRange(run.Risk.StageSeconds);
        stages.Add(new("write", clock.Elapsed.TotalSeconds));
        if (writeReport is not null)
        {
            var reportClock = Stopwatch.StartNew();
            writeReport(files.Stage("report.html"));
            stages.Add(new("report", reportClock.Elapsed.TotalSeconds));
        }
        File.WriteAllText(files.Stage("manifest.json"), RunManifest.ToJson(run, stages, fallbackReason));
        files.Commit();
        return (files.FinalPaths.ToArray(), clock.Elapsed.TotalSeconds);
    }
}
