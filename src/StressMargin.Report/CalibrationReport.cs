using StressMargin.Engine;
using StressMargin.IO;
using StressMargin.Report.Html;

namespace StressMargin.Report;

/// <summary><c>calibration-report.html</c> of <c>stressmargin calibrate</c>: the calibration section of the run report
/// (vols, the anti-procyclicality floor and buffer, vol and correlation history, the correlation used) and the inputs.</summary>
public static class CalibrationReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="path">Destination (a temporary name of the calibration's atomic output set).</param>
    /// <param name="input">A loaded scenario with a calibration.</param>
    /// <exception cref="ArgumentException">The scenario has no calibration.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, LoadedScenario input) => Build(input).Write(path);

    /// <summary>Builds the page.</summary>
    /// <param name="input">A loaded scenario with a calibration.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The scenario has no calibration.</exception>
    internal static ReportDocument Build(LoadedScenario input)
    {
        var calibration = input.Calibration ?? throw new ArgumentException("the scenario has no calibration block", nameof(input));
        var doc = new ReportDocument($"StressMargin calibration: {Path.GetFileName(input.Scenario.Path)}, as_of {IsoTime.Format(input.Scenario.AsOf)}");
        doc.Meta($"data to {calibration.Result.DataEnd:yyyy-MM-dd} (cut-off {calibration.Cutoff:yyyy-MM-dd}); {calibration.Result.Factors.Count} factors estimated from the history; stressmargin {ToolInfo.Version} ({ToolInfo.Commit})");
        doc.Section("calibration", "Calibration", CalibrationSection.Html(input, calibration));
        var inputs = new HtmlTable("inputs", "role", "file", "bytes#", "sha256");
        foreach (var f in input.Files) inputs.Add(f.Role, f.Path, Cell.Count(f.Bytes), f.Sha256);
        doc.Section("provenance", "Inputs", inputs.Render());
        return doc;
    }
}
