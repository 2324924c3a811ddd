using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Format = StressMargin.Report.Html.Format;

namespace StressMargin.Report.Plots;

/// <summary>
/// Helpers around Plotly.NET for the reports: optional arguments, the common layout (no template, autosized width),
/// hover templates, the chart's HTML, and the figure JSON that a plot selector swaps in.
/// </summary>
internal static class Charts
{
    /// <summary>The colours of the reports' series.</summary>
    public static class Colors
    {
        /// <summary>ES-based terms.</summary>
        public const string Es = "#1f5fa8";
        /// <summary>Stress terms.</summary>
        public const string Stress = "#c2410c";
        /// <summary>Short-option minimum.</summary>
        public const string Som = "#7c3aed";
        /// <summary>Liquidity add-on.</summary>
        public const string Liquidity = "#0e9384";
        /// <summary>Market-impact add-on.</summary>
        public const string MarketImpact = "#5eead4";
        /// <summary>Concentration add-on.</summary>
        public const string Concentration = "#a3a3a3";
        /// <summary>VaR marks.</summary>
        public const string Var = "#d97706";
        /// <summary>Losses, exceedances, liquidations.</summary>
        public const string Bad = "#b42318";
        /// <summary>Neutral series.</summary>
        public const string Neutral = "#52606d";
        /// <summary>Healthy accounts.</summary>
        public const string Good = "#067647";
    }

    /// <summary>An F# option holding a value (Plotly.NET's optional arguments).</summary>
    public static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);

    /// <summary>A colour from CSS text.</summary>
    public static Color Color(string css) => Plotly.NET.Color.fromString(css);

    /// <summary>A line style.</summary>
    /// <param name="color">CSS colour.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="dash">plotly.js dash style: <c>solid</c>, <c>dash</c>, <c>dot</c>, <c>dashdot</c>.</param>
    public static Line Line(string color, double width = 1.5, string dash = "solid") => With(new Line(), ("color", color), ("width", width), ("dash", dash));

    /// <summary>Sets plotly.js attributes on a Plotly.NET object (those of its F# initializers whose optional
    /// arguments C# cannot omit).</summary>
    /// <param name="target">A Plotly.NET layout object, trace or style object.</param>
    /// <param name="properties">plotly.js attribute names and values.</param>
    /// <returns>The object.</returns>
    public static T With<T>(T target, params (string Name, object Value)[] properties) where T : DynamicObj.DynamicObj
    {
        foreach (var (name, value) in properties) target.SetProperty(name, value);
        return target;
    }

    /// <summary>The reports' layout: autosized width, the given height, axis titles, a horizontal legend on top.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="xTitle">x-axis title.</param>
    /// <param name="yTitle">y-axis title.</param>
    /// <param name="barMode">plotly.js bar mode for bar charts (<c>relative</c>, <c>overlay</c>, <c>group</c>).</param>
    /// <param name="title">Title above the legend, or null.</param>
    /// <param name="bottom">Bottom margin in pixels (room for long category labels).</param>
    /// <returns>The styled chart.</returns>
    public static GenericChart Style(GenericChart chart, int height, string xTitle, string yTitle, string? barMode = null, string? title = null, int bottom = 60)
    {
        var layout = With(new Layout(), ("autosize", true), ("height", height), ("margin", With(new Margin(), ("l", 80), ("r", 20), ("t", title is null ? 50 : 90), ("b", bottom))),
            ("paper_bgcolor", "#ffffff"), ("plot_bgcolor", "#fafbfc"), ("hovermode", "closest"));
        if (barMode is not null) { layout.SetProperty("barmode", barMode); layout.SetProperty("bargap", 0.15); }
        if (title is not null) layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title, ["x"] = 0.0, ["xanchor"] = "left", ["y"] = 0.98, ["yanchor"] = "top", ["font"] = new Dictionary<string, object> { ["size"] = 15 } });
        chart = Chart.withLayout(layout).Invoke(chart);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle, ShowGrid: true, GridColor: Color("#e4e7eb"), ZeroLine: false);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle, ShowGrid: true, GridColor: Color("#e4e7eb"));
        foreach (var axis in new[] { "xaxis", "yaxis" })
            if (GenericChart.getLayout(chart).TryGetPropertyValue(axis) is { } a && a.Value is DynamicObj.DynamicObj ax) ax.SetProperty("automargin", true);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegend(chart, With(new Legend(), ("orientation", "h"), ("x", 0.0), ("y", 1.02), ("yanchor", "bottom")), default);
        return Chart.withConfig(With(new Config(), ("responsive", true), ("displaylogo", false))).Invoke(chart);
    }

    /// <summary>Sets a property on every trace of a chart (e.g. <c>hovertemplate</c>, <c>customdata</c>), for the
    /// trace attributes Plotly.NET's C# chart functions do not take.</summary>
    /// <param name="chart">The chart (its traces are changed).</param>
    /// <param name="name">plotly.js attribute name.</param>
    /// <param name="value">Value (serialized as JSON).</param>
    /// <returns>The chart.</returns>
    public static GenericChart Set(GenericChart chart, string name, object value)
    {
        foreach (var trace in GenericChart.getTraces(chart)) trace.SetProperty(name, value);
        return chart;
    }

    /// <summary>The chart's HTML: a div and the script that draws it with plotly.js (Plotly.NET's own markup).</summary>
    public static string ChartHtml(GenericChart chart) => GenericChart.toChartHTML(chart);

    /// <summary>A plot in the page: a captioned figure element with an id (the tests count and check these).</summary>
    /// <param name="id">Element id.</param>
    /// <param name="chart">The chart.</param>
    /// <param name="caption">Caption text (escaped).</param>
    /// <returns>HTML.</returns>
    public static string Plot(string id, GenericChart chart, string caption) =>
        $"<figure class=\"plot\" id=\"{Format.Escape(id)}\">{ChartHtml(chart)}<figcaption>{Format.Escape(caption)}</figcaption></figure>";

    /// <summary>
    /// The figures of a plot selector as one JSON object <c>{ "layout": shared layout, "figures": { key: { "data",
    /// "layout": the keys that differ from the shared layout } } }</c>, so the page carries each figure's traces and
    /// only what its layout changes (titles, marks), not the whole layout once per figure.
    /// </summary>
    /// <param name="keys">The figures' keys.</param>
    /// <param name="figures">Figure JSON (<see cref="FigureJson"/>) per key, the first one's layout shared; consumed.</param>
    /// <returns>JSON text, with &lt; and &gt; escaped for a script element.</returns>
    public static string SelectorJson(IReadOnlyList<string> keys, IReadOnlyList<JsonObject> figures)
    {
        JsonObject? shared = null;
        var all = new JsonObject();
        for (int i = 0; i < figures.Count; i++)
        {
            var figure = figures[i];
            var layout = figure["layout"]!.AsObject();
            shared ??= (JsonObject)layout.DeepClone();
            var delta = new JsonObject();
            foreach (var (name, value) in layout)
                if (!JsonNode.DeepEquals(value, shared[name])) delta[name] = value?.DeepClone();
            figure.Remove("data", out var data);
            all[keys[i]] = new JsonObject { ["data"] = data, ["layout"] = delta };
        }
        var root = new JsonObject { ["layout"] = shared ?? new JsonObject(), ["figures"] = all };
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }

    /// <summary>A chart's plotly.js figure (<c>data</c>, <c>layout</c>) as a JSON object (Plotly.NET's serialization).</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The figure.</returns>
    public static JsonObject FigureJson(GenericChart chart) => JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();

    /// <summary>A plot with a selector: a drop-down of figures (keys and labels), the first one drawn, the others
    /// swapped in by report.js from <see cref="SelectorJson"/>.</summary>
    /// <param name="id">Id of the figure element; the select is <c>{id}-select</c>.</param>
    /// <param name="label">Label of the drop-down.</param>
    /// <param name="options">Key, label and chart of each figure, in drop-down order.</param>
    /// <param name="caption">Caption.</param>
    /// <returns>HTML.</returns>
    public static string SelectablePlot(string id, string label, IReadOnlyList<(string Key, string Label, GenericChart Chart)> options, string caption)
    {
        // Serializing the figures is most of the cost of a selector with many figures: done in parallel, in order.
        var figures = new JsonObject[options.Count];
        if (options.Count > 0) figures[0] = FigureJson(options[0].Chart); // the first alone: its serializer set-up is not repeated per thread
        Parallel.For(1, options.Count, i => figures[i] = FigureJson(options[i].Chart));
        return SelectablePlot(id, label, options.Select(o => (o.Key, o.Label)).ToArray(), figures, options[0].Chart, caption);
    }

    /// <summary>A plot with a selector from figure JSON (see the overload with charts).</summary>
    /// <param name="id">Id of the figure element; the select is <c>{id}-select</c>.</param>
    /// <param name="label">Label of the drop-down.</param>
    /// <param name="options">Key and label of each figure, in drop-down order.</param>
    /// <param name="figures">The figure of each option (consumed).</param>
    /// <param name="first">The chart of the first option, drawn when the page opens.</param>
    /// <param name="caption">Caption.</param>
    /// <returns>HTML.</returns>
    public static string SelectablePlot(string id, string label, IReadOnlyList<(string Key, string Label)> options, IReadOnlyList<JsonObject> figures, GenericChart first, string caption)
    {
        var html = new System.Text.StringBuilder();
        html.Append($"<div class=\"controls\"><label for=\"{Format.Escape(id)}-select\">{Format.Escape(label)}</label> <select id=\"{Format.Escape(id)}-select\" data-figures=\"{Format.Escape(id)}-figures\" data-plot=\"{Format.Escape(id)}\">");
        foreach (var (key, text) in options) html.Append($"<option value=\"{Format.Escape(key)}\">{Format.Escape(text)}</option>");
        html.Append("</select></div>");
        html.Append($"<script type=\"application/json\" id=\"{Format.Escape(id)}-figures\">{SelectorJson(options.Select(o => o.Key).ToArray(), figures)}</script>");
        html.Append(Plot(id, first, caption));
        return html.ToString();
    }
}
