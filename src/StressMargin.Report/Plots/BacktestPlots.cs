using System.Globalization;
using Plotly.NET;
using StressMargin.Engine.Backtest;
using CS = Plotly.NET.CSharp;
using static StressMargin.Report.Plots.Charts;

namespace StressMargin.Report.Plots;

/// <summary>The backtest report's plots: margin against realized loss over time, and cumulative exceedances.</summary>
internal static class BacktestPlots
{
    /// <summary>One account's (or the book's) IM, VaR and realized loss on every date, USD, with the IM and VaR
    /// exceedances (loss strictly above) marked.</summary>
    /// <param name="name">Account id, or "whole book".</param>
    /// <param name="days">Its observations, dates ascending.</param>
    /// <returns>The chart.</returns>
    public static GenericChart MarginAgainstLoss(string name, IReadOnlyList<BacktestObservation> days)
    {
        var dates = days.Select(o => Html.Format.Date(o.Date)).ToArray();
        var traces = new List<GenericChart>
        {
            Series(dates, days.Select(o => o.RealizedLoss), "realized loss", "markers", Colors.Neutral, 3.5),
            Series(dates, days.Select(o => o.InitialMargin), "initial margin (ES-based)", "lines", Colors.Es, 2),
            Series(dates, days.Select(o => o.ValueAtRisk), "VaR", "lines", Colors.Var, 1),
        };
        var im = days.Where(o => o.ImExceeded).ToArray();
        var varOnly = days.Where(o => o.VarExceeded && !o.ImExceeded).ToArray();
        if (im.Length > 0) traces.Add(Series(im.Select(o => Html.Format.Date(o.Date)).ToArray(), im.Select(o => o.RealizedLoss), $"loss above IM ({im.Length})", "markers", Colors.Bad, 10, "x"));
        if (varOnly.Length > 0) traces.Add(Series(varOnly.Select(o => Html.Format.Date(o.Date)).ToArray(), varOnly.Select(o => o.RealizedLoss), $"loss above VaR only ({varOnly.Length})", "markers", Colors.Var, 8, "circle-open"));
        return Style(CS.Chart.Combine(traces), 440, "date (margin at the close; loss over the next horizon)", "USD", title: name);
    }

    /// <summary>Cumulative exceedances of IM and VaR against their expected number p·t, for the whole book.</summary>
    /// <param name="days">The book's observations, dates ascending.</param>
    /// <param name="imRate">Expected IM exceedance rate, 1 − es_confidence.</param>
    /// <param name="varRate">Expected VaR exceedance rate, 1 − var_confidence.</param>
    /// <returns>The chart.</returns>
    public static GenericChart CumulativeExceedances(IReadOnlyList<BacktestObservation> days, double imRate, double varRate)
    {
        var dates = days.Select(o => Html.Format.Date(o.Date)).ToArray();
        static IEnumerable<double> Running(IEnumerable<bool> flags) { int n = 0; foreach (var f in flags) yield return n += f ? 1 : 0; }
        var traces = new[]
        {
            Series(dates, Running(days.Select(o => o.ImExceeded)), "IM exceedances", "lines", Colors.Es, 2),
            Series(dates, days.Select((_, i) => (i + 1) * imRate), $"expected ({imRate.ToString("P1", CultureInfo.InvariantCulture)} of dates)", "lines", Colors.Es, 1, dash: "dot"),
            Series(dates, Running(days.Select(o => o.VarExceeded)), "VaR exceedances", "lines", Colors.Var, 2),
            Series(dates, days.Select((_, i) => (i + 1) * varRate), $"expected ({varRate.ToString("P1", CultureInfo.InvariantCulture)} of dates)", "lines", Colors.Var, 1, dash: "dot"),
        };
        return Style(CS.Chart.Combine(traces), 340, "date", "exceedances so far");
    }

    private static GenericChart Series(string[] x, IEnumerable<double> y, string name, string mode, string color, double size, string symbol = "circle", string dash = "solid")
    {
        var values = y.Select(v => Math.Round(v, 2)).ToArray();
        var chart = CS.Chart.Scatter<string, double, string>(x, values, mode == "lines" ? StyleParam.Mode.Lines : StyleParam.Mode.Markers, Name: name, UseDefaults: false);
        if (mode == "lines") Set(chart, "line", Charts.Line(color, size, dash));
        else Set(chart, "marker", new Dictionary<string, object> { ["color"] = color, ["size"] = size, ["symbol"] = symbol });
        return Set(chart, "hovertemplate", $"%{{x}}<br>{name}: %{{y:,.0f}}<extra></extra>");
    }
}
