using System.Text.Json;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Engine.Calibration;

/// <summary>
/// What <c>stressmargin calibrate</c> writes, atomically: <c>calibration.csv</c> (the same file as <c>run</c> writes),
/// <c>calibration.json</c> (the tool, scenario, as_of, the history file with its hash, and the <c>calibration</c>
/// object of the run manifest) and, when asked, <c>calibration-report.html</c>.
/// </summary>
public static class CalibrationOutputs
{
    /// <summary>Writes the two files into the scenario's output folder.</summary>
    /// <param name="input">A loaded scenario with a calibration.</param>
    /// <param name="writeReport">Writes <c>calibration-report.html</c> to the temporary path it is given; null writes none.</param>
    /// <returns>Final paths.</returns>
    /// <exception cref="ArgumentException">The scenario has no calibration block.</exception>
    /// <exception cref="OutputException">The folder or a file cannot be written (no partial file is left).</exception>
    public static IReadOnlyList<string> Write(LoadedScenario input, Action<string>? writeReport = null)
    {
        var calibration = input.Calibration ?? throw new ArgumentException("the scenario has no calibration block", nameof(input));
        using var folder = OutputFolder.Acquire(input.Scenario.OutputDirectory);
        using var files = new AtomicFileSet(input.Scenario.OutputDirectory);
        files.Write("calibration.csv", p => CalibrationCsv.Write(p, input.Factors, calibration.Result));
        var document = new
        {
            Tool = new { Name = "stressmargin", ToolInfo.Version, ToolInfo.Commit },
            Scenario = input.Scenario.Path,
            AsOf = IsoTime.Format(input.Scenario.AsOf),
            Inputs = input.Files.Select(f => new { f.Role, f.Path, f.Bytes, f.Sha256 }),
            Calibration = CalibrationManifest.Describe(calibration, input.Factors, input.Scenario.Simulation.Distribution),
            Warnings = input.Warnings.Select(w => new { Location = w.Location?.ToString(), w.Message }),
            Outputs = files.Hashes(),
        };
        files.WriteText("calibration.json", JsonSerializer.Serialize(document, JsonOutput.Options));
        if (writeReport is not null) files.Write("calibration-report.html", writeReport);
        files.Commit();
        return files.FinalPaths.ToArray();
    }
}
