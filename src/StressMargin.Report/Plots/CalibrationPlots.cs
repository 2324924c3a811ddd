using System.Globalization;
using Plotly.NET;
using StressMargin.Core.Calibration;
using CS = Plotly.NET.CSharp;
using static StressMargin.Report.Plots.Charts;

namespace StressMargin.Report.Plots;

/// <summary>The calibration history plots: vols with the anti-procyclicality floor, and correlations, over time.</summary>
internal static class CalibrationPlots
{
    private static readonly string[] Palette = ["#1f5fa8", "#c2410c", "#0e9384", "#7c3aed", "#b42318", "#52606d"];

    /// <summary>Per factor: the model vol, the lookback floor (dashed), the vol used (thick) and the stress-period vol
    /// (dotted), annualized, in percent.</summary>
    /// <param name="series">One history per calibrated factor.</param>
    /// <param name="floorIsApplied">Whether the floor is an APC tool (else the lookback vol only feeds the buffer's release trigger).</param>
    /// <returns>The chart.</returns>
    public static GenericChart Vols(IReadOnlyList<FactorVolHistory> series, bool floorIsApplied)
    {
        var traces = new List<GenericChart>();
        for (int f = 0; f < series.Count; f++)
        {
            var s = series[f];
            string color = Palette[f % Palette.Length], name = s.Factor.ToString()!;
            traces.Add(Series(s.Dates, s.UsedVol, $"{name} used", color, 3, "solid", name));
            traces.Add(Series(s.Dates, s.ModelVol, $"{name} model", color, 1.2, "solid", name));
            if (s.FloorVol is { } floor) traces.Add(Series(s.Dates, floor, floorIsApplied ? $"{name} floor (lookback vol)" : $"{name} long-run vol (buffer trigger)", color, 1.5, "dash", name));
            if (s.StressVol is { } stress) traces.Add(Series(s.Dates, s.Dates.Select(_ => stress).ToArray(), $"{name} stress-period vol", color, 1.2, "dot", name));
        }
        return Style(CS.Chart.Combine(traces), 420, "date (estimate at the close)", "vol, annualized (%)");
    }

    /// <summary>Each pair's estimated correlation over time.</summary>
    /// <param name="series">One history per pair.</param>
    /// <returns>The chart.</returns>
    public static GenericChart Correlations(IReadOnlyList<CorrelationHistory> series)
    {
        var traces = series.Select((s, i) =>
        {
            var shown = Enumerable.Range(0, s.Dates.Length).Where(t => double.IsFinite(s.Correlation[t])).ToArray();
            var line = CS.Chart.Line<string, double, string>(shown.Select(t => Html.Format.Date(s.Dates[t])), shown.Select(t => s.Correlation[t]),
                Name: $"ρ({s.First}, {s.Second})", Line: Charts.Line(Palette[i % Palette.Length], 2), UseDefaults: false);
            return Set(line, "hovertemplate", $"%{{x}}<br>ρ({s.First}, {s.Second}) = %{{y:.3f}}<extra></extra>");
        });
        return Style(CS.Chart.Combine(traces), 340, "date (estimate at the close)", "correlation");
    }

    private static GenericChart Series(DateOnly[] dates, double[] values, string name, string color, double width, string dash, string group)
    {
        var shown = Enumerable.Range(0, dates.Length).Where(t => double.IsFinite(values[t])).ToArray();
        var line = CS.Chart.Line<string, double, string>(shown.Select(t => Html.Format.Date(dates[t])), shown.Select(t => Math.Round(values[t] * 100, 4)),
            Name: name, Line: Charts.Line(color, width, dash), UseDefaults: false);
        Set(line, "legendgroup", group);
        return Set(line, "hovertemplate", $"%{{x}}<br>{name}: %{{y:.2f}} %<extra></extra>");
    }
}
