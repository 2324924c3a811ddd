using Plotly.NET;
using Plotly.NET.LayoutObjects;
using StressMargin.Core.Margin;
using StressMargin.Core.Risk;
using StressMargin.Report.Html;
using CS = Plotly.NET.CSharp;
using static StressMargin.Report.Plots.Charts;

namespace StressMargin.Report.Plots;

/// <summary>
/// The distribution of one account's simulated horizon losses (USD, a loss is positive) from its
/// <see cref="LossHistogram"/>, re-binned for display (<see cref="DisplayHistogram"/>), with VaR and ES marked as
/// vertical lines at the values of margin.csv; y (paths per bin) on a log scale by default, switchable to linear.
/// </summary>
internal static class LossDistributionPlot
{
    /// <summary>The chart of one account.</summary>
    /// <param name="account">The account's margin figures (VaR, ES, IM).</param>
    /// <param name="histogram">Its loss histogram.</param>
    /// <param name="varConfidence">VaR confidence α (for the label).</param>
    /// <param name="esConfidence">ES confidence α.</param>
    /// <returns>The chart.</returns>
    public static GenericChart Chart(AccountMargin account, LossHistogram histogram, double varConfidence, double esConfidence)
    {
        var d = DisplayHistogram.Of(histogram);
        double half = d.Width / 2;
        var centers = d.Lower.Select(l => l + half).ToArray();
        var bars = CS.Chart.Column<double, double, string>(d.Counts.Select(c => (double)c), Keys: centers, Name: "paths", ShowLegend: false, MarkerColor: Color("#829ab1"), Width: d.Width, UseDefaults: false);
        Set(bars, "hovertemplate", $"loss %{{x:,.0f}} ± {Format.Usd(half)} USD<br>%{{y:,}} of {Format.Count(d.Total)} paths<extra></extra>");
        long top = Math.Max(1, d.Counts.Max());
        var var = Mark(account.ValueAtRisk, top, $"VaR {Format.Pct(varConfidence, 1)}", Colors.Var, "dash");
        var es = Mark(account.ExpectedShortfall, top, $"ES {Format.Pct(esConfidence, 1)}", Colors.Bad, "solid");
        var chart = CS.Chart.Combine([bars, var, es]);
        chart = Style(chart, 440, "horizon loss (USD; a gain is negative)", "paths per bin", "overlay",
            $"{account.AccountId}: VaR {Format.Usd(account.ValueAtRisk)}, ES {Format.Usd(account.ExpectedShortfall)}, IM {Format.Usd(account.InitialMargin)} USD; bins of {Format.Usd(d.Width)} USD");
        chart = CS.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, AxisType: StyleParam.AxisType.Log);
        return Plotly.NET.Chart.withUpdateMenu(ScaleButtons(), null).Invoke(chart);
    }

    /// <summary>A vertical line at a loss, from 1 path to above the tallest bar, with its value on hover.</summary>
    private static GenericChart Mark(double loss, long top, string name, string color, string dash)
    {
        var line = CS.Chart.Line<double, double, string>([loss, loss], [0.8, top * 1.6], Name: $"{name}: {Format.Usd(loss)} USD", Line: Charts.Line(color, 2.5, dash), UseDefaults: false);
        return Set(line, "hovertemplate", $"{name}: %{{x:,.0f}} USD<extra></extra>");
    }

    /// <summary>Two buttons switching the y axis between log and linear (a plotly.js relayout).</summary>
    private static UpdateMenu ScaleButtons()
    {
        static UpdateMenuButton Button(string label, string type)
        {
            var args = With(new DynamicObj.DynamicObj(), ("yaxis.type", type));
            return With(new UpdateMenuButton(), ("args", new[] { args }), ("label", label), ("method", "relayout"));
        }
        return With(new UpdateMenu(), ("buttons", new[] { Button("log scale", "log"), Button("linear scale", "linear") }),
            ("type", "buttons"), ("direction", "left"), ("x", 1.0), ("xanchor", "right"), ("y", 1.02), ("yanchor", "bottom"), ("showactive", true));
    }
}
