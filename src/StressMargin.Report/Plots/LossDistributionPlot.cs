using System.Text.Json.Nodes;
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
        var bars = CS.Chart.Column<double, double, string>(Counts(d), Keys: Centers(d), Name: "paths", ShowLegend: false, MarkerColor: Color("#829ab1"), Width: d.Width, UseDefaults: false);
        Set(bars, "hovertemplate", BarHover(d));
        double top = MarkTop(d);
        var var = Mark(account.ValueAtRisk, top, VarLabel(varConfidence), Colors.Var, "dash");
        var es = Mark(account.ExpectedShortfall, top, EsLabel(esConfidence), Colors.Bad, "solid");
        var chart = CS.Chart.Combine([bars, var, es]);
        chart = Style(chart, 440, "horizon loss (USD; a gain is negative)", "paths per bin", "overlay", Title(account, d));
        chart = CS.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, AxisType: StyleParam.AxisType.Log);
        return Plotly.NET.Chart.withUpdateMenu(ScaleButtons(), null).Invoke(chart);
    }

    /// <summary>
    /// The figure JSON (plotly.js <c>data</c> and <c>layout</c>) of each account's chart: the first from Plotly.NET
    /// (<see cref="Chart"/>), every other one a copy of it with the account's numbers and texts put in: the bars' x, y,
    /// width and hover text, the two marks' x, y and names, and the title. That is what <see cref="Chart"/> gives for
    /// the account (a test compares them), at a small fraction of the cost of building and serializing a Plotly.NET
    /// chart per account, which was most of the time of a run's report.
    /// </summary>
    /// <param name="accounts">Each account's margin figures and loss histogram (at least one path each).</param>
    /// <param name="varConfidence">VaR confidence α.</param>
    /// <param name="esConfidence">ES confidence α.</param>
    /// <returns>The first account's chart (the page draws it when it opens) and one figure per account, in order.</returns>
    /// <exception cref="ArgumentException">No accounts.</exception>
    public static (GenericChart First, JsonObject[] Figures) Figures(IReadOnlyList<(AccountMargin Account, LossHistogram Histogram)> accounts, double varConfidence, double esConfidence)
    {
        if (accounts.Count == 0) throw new ArgumentException("no accounts to plot", nameof(accounts));
        var figures = new JsonObject[accounts.Count];
        var first = Chart(accounts[0].Account, accounts[0].Histogram, varConfidence, esConfidence);
        figures[0] = FigureJson(first);
        for (int i = 1; i < figures.Length; i++)
        {
            var (account, histogram) = accounts[i];
            var d = DisplayHistogram.Of(histogram);
            var figure = figures[0].DeepClone().AsObject();
            var data = figure["data"]!.AsArray();
            var bars = data[0]!.AsObject();
            bars["x"] = Numbers(Centers(d));
            bars["y"] = Numbers(Counts(d));
            bars["width"] = d.Width;
            bars["hovertemplate"] = BarHover(d);
            double top = MarkTop(d);
            PutMark(data[1]!.AsObject(), account.ValueAtRisk, top, VarLabel(varConfidence));
            PutMark(data[2]!.AsObject(), account.ExpectedShortfall, top, EsLabel(esConfidence));
            figure["layout"]!["title"]!["text"] = Title(account, d);
            figures[i] = figure;
        }
        return (first, figures);
    }

    private static double[] Centers(DisplayHistogram d) => d.Lower.Select(l => l + d.Width / 2).ToArray();

    private static double[] Counts(DisplayHistogram d) => d.Counts.Select(c => (double)c).ToArray();

    private static string BarHover(DisplayHistogram d) => $"loss %{{x:,.0f}} ± {Format.Usd(d.Width / 2)} USD<br>%{{y:,}} of {Format.Count(d.Total)} paths<extra></extra>";

    private static double MarkTop(DisplayHistogram d) => Math.Max(1, d.Counts.Max()) * 1.6;

    private static string VarLabel(double confidence) => $"VaR {Format.Pct(confidence, 1)}";

    private static string EsLabel(double confidence) => $"ES {Format.Pct(confidence, 1)}";

    private static string MarkName(string label, double loss) => $"{label}: {Format.Usd(loss)} USD";

    private static string MarkHover(string label) => $"{label}: %{{x:,.0f}} USD<extra></extra>";

    private static string Title(AccountMargin account, DisplayHistogram d) =>
        $"{account.AccountId}: VaR {Format.Usd(account.ValueAtRisk)}, ES {Format.Usd(account.ExpectedShortfall)}, IM {Format.Usd(account.InitialMargin)} USD; bins of {Format.Usd(d.Width)} USD";

    private static JsonArray Numbers(double[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static void PutMark(JsonObject trace, double loss, double top, string label)
    {
        trace["x"] = Numbers([loss, loss]);
        trace["y"] = Numbers([0.8, top]);
        trace["name"] = MarkName(label, loss);
        trace["hovertemplate"] = MarkHover(label);
    }

    /// <summary>A vertical line at a loss, from 1 path to above the tallest bar, with its value on hover.</summary>
    private static GenericChart Mark(double loss, double top, string label, string color, string dash)
    {
        var line = CS.Chart.Line<double, double, string>([loss, loss], [0.8, top], Name: MarkName(label, loss), Line: Charts.Line(color, 2.5, dash), UseDefaults: false);
        return Set(line, "hovertemplate", MarkHover(label));
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
