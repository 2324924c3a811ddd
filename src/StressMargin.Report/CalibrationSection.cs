using System.Text;
using StressMargin.Core.Calibration;
using StressMargin.Engine;
using StressMargin.Engine.Calibration;
using StressMargin.IO.History;
using StressMargin.IO.Output;
using StressMargin.Report.Html;
using StressMargin.Report.Plots;

namespace StressMargin.Report;

/// <summary>
/// The calibration part of the run and calibrate reports: the factors' vols before and after the anti-procyclicality
/// tools, the buffer, the vol history with its floor and the correlation history over the last
/// <see cref="HistoryYears"/> years to the data end (replayed from the history file with
/// <see cref="CalibrationHistory"/>), and the correlation matrix the model used.
/// </summary>
internal static class CalibrationSection
{
    /// <summary>Years of history drawn before the calibration's data end.</summary>
    public const int HistoryYears = 5;

    /// <summary>The section's HTML.</summary>
    /// <param name="input">A loaded scenario with a calibration.</param>
    /// <param name="calibration">Its calibration.</param>
    /// <returns>HTML.</returns>
    public static string Html(LoadedScenario input, CalibrationRun calibration)
    {
        var r = calibration.Result;
        var s = calibration.Settings;
        var html = new StringBuilder();
        string buffer = s.Apc.BufferRate is not { } b ? "no anti-procyclicality buffer"
            : $"buffer {Format.Pct(b, 0)}: ES multiplier {Format.Num(r.EsBufferMultiplier, "0.###")}" +
              (r.LongRunVolRatio is { } q ? $" (model/long-run vol {Format.Num(q, "0.00")}, released at {Format.Num(s.Apc.BufferReleaseVolRatio!.Value, "0.00")}: {(r.BufferReleased ? "released" : "kept")})" : "");
        html.Append($"<p class=\"note\">Estimated from <code>{Format.Escape(Path.GetFileName(calibration.History.Path))}</code> (sha256 {Format.Escape(calibration.History.Sha256[..12])}…, {s.Calendar.Name()} calendar) with data to {r.DataEnd:yyyy-MM-dd}; {Format.Escape(buffer)}. Vols annualized.</p>");

        var factors = new HtmlTable("calibration-factors", "factor", "source", "estimator", "observations#", "model vol#", "stress vol#", "floor vol#", "used vol#", "binding");
        var byFactor = r.Factors.ToDictionary(f => f.Factor.ToString()!, StringComparer.Ordinal);
        for (int f = 0; f < input.Factors.FactorCount; f++)
        {
            string name = input.Factors.FactorAt(f).ToString()!;
            var used = Cell.Pct(input.Factors.FactorVolAnnualized(f));
            if (byFactor.TryGetValue(name, out var c))
                factors.Add(name, $"history {c.Column}", CalibrationCsv.EstimatorName(c.Estimator), Cell.Count(c.Observations), Cell.Pct(c.ModelVol),
                    c.StressVol is { } sv ? Cell.Pct(sv) : "", c.FloorVol is { } fv ? Cell.Pct(fv) : "", used, CalibrationCsv.BindingName(c.Binding));
            else
                factors.Add(name, "scenario", "", "", "", "", "", used, "");
        }
        html.Append(factors.Render());

        html.Append(HistoryPlots(calibration));

        html.Append("<h3>Correlation used</h3>");
        var names = Enumerable.Range(0, input.Factors.FactorCount).Select(f => input.Factors.FactorAt(f).ToString()!).ToArray();
        var matrix = new HtmlTable("calibration-correlation", ["factor", .. names.Select(n => n + "#")]);
        for (int i = 0; i < names.Length; i++)
            matrix.Add([names[i], .. Enumerable.Range(0, names.Length).Select(j => Cell.Num(input.Factors.Correlation[i, j], "0.000"))]);
        html.Append(matrix.Render());
        html.Append(calibration.Repair is { } rep
            ? $"<p class=\"note\">Repaired to the nearest correlation matrix (Higham 2002): smallest eigenvalue {Format.Num(rep.SmallestEigenvalueBefore, "G4")} → {Format.Num(rep.SmallestEigenvalueAfter, "G4")}, Frobenius distance {Format.Num(rep.FrobeniusDistance, "G4")}.</p>"
            : $"<p class=\"note\">Correlations {(r.Correlation is null ? "from the scenario file" : "estimated from the history")}; smallest eigenvalue {Format.Num(calibration.SmallestEigenvalue, "G4")}.</p>");
        return html.ToString();
    }

    private static string HistoryPlots(CalibrationRun calibration)
    {
        var r = calibration.Result;
        PriceHistory history;
        try
        {
            if (InputFileInfo.Of("history", calibration.History.Path).Sha256 != calibration.History.Sha256)
                return "<p class=\"missing\">The vol history is not drawn: the history file changed after the calibration read it.</p>";
            history = HistoryCsv.Read(calibration.History.Path, calibration.Settings.Calendar);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.InputException)
        {
            return $"<p class=\"missing\">The vol history is not drawn: the history file cannot be read again ({Format.Escape(e.Message)}).</p>";
        }
        var from = r.DataEnd.AddYears(-HistoryYears);
        var vols = r.Factors.Select(f => CalibrationHistory.Vol(history, calibration.Settings, f, from, r.DataEnd)).Where(v => v.Dates.Length > 0).ToArray();
        var html = new StringBuilder("<h3>Vol history and the anti-procyclicality floor</h3>");
        var apc = calibration.Settings.Apc;
        string tools = string.Join("; ", new[]
        {
            apc.FloorLookbackYears is { } y ? $"floor: the equally weighted vol over the last {y} years (used when above the model vol)" : null,
            apc.FloorLookbackYears is null && apc.BufferReleaseVolRatio is not null ? $"long-run vol over {apc.LongRunLookbackYears} years (the buffer's release trigger, not a floor)" : null,
            apc.StressWeight is { } w ? $"stress period {w.Start:yyyy-MM-dd} … {w.End:yyyy-MM-dd} weighted {Format.Pct(w.Weight, 0)}" : null,
        }.Where(t => t is not null));
        html.Append(Charts.Plot("calibration-vols", CalibrationPlots.Vols(vols, apc.FloorLookbackYears is not null),
            $"What the calibration would have estimated at each close of the last {HistoryYears} years; the last point is this run's calibration. {(tools.Length > 0 ? tools : "No anti-procyclicality floor is configured")}."));
        if (r.Correlation is not null && r.Factors.Count >= 2)
        {
            var pairs = new List<CorrelationHistory>();
            for (int i = 0; i < r.Factors.Count; i++)
                for (int j = 0; j < i; j++)
                    pairs.Add(CalibrationHistory.Correlation(history, calibration.Settings.Estimator, r.Factors[j], r.Factors[i], from, r.DataEnd));
            html.Append("<h3>Correlation history</h3>");
            html.Append(Charts.Plot("calibration-correlations", CalibrationPlots.Correlations(pairs),
                $"Pairwise correlations of the factors estimated from the history ({CalibrationCsv.EstimatorName(calibration.Settings.Estimator)}, over their common returns), at each close."));
        }
        return html.ToString();
    }
}
