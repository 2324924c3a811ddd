using System.Text;
using Plotly.NET;
using StressMargin.Report.Compare;
using StressMargin.Report.Html;
using StressMargin.Report.Plots;
using CS = Plotly.NET.CSharp;

namespace StressMargin.Report;

/// <summary>
/// <c>stressmargin report compare DIR_A DIR_B</c>: how margin moved from run A (e.g. yesterday) to run B (today), in
/// total and by account, and what the manifests and positions show drove it (market move, position change, model
/// change, Monte Carlo sample); a page and a plain summary.
/// </summary>
public static class CompareReport
{
    /// <summary>Accounts in the movers plot (largest |ΔIM| first).</summary>
    public const int Movers = 30;

    /// <summary>Reads two run folders, writes the page and returns the summary lines.</summary>
    /// <param name="folderA">First run's output folder.</param>
    /// <param name="folderB">Second run's output folder.</param>
    /// <param name="path">Temporary path to write the page to (an atomic output set's).</param>
    /// <returns>Summary lines for the terminal.</returns>
    /// <exception cref="Core.InputException">A folder or one of its files is missing or malformed.</exception>
    /// <exception cref="IOException">The page cannot be written.</exception>
    public static IReadOnlyList<string> Write(string folderA, string folderB, string path)
    {
        var comparison = RunComparison.Of(RunFolder.Read(folderA), RunFolder.Read(folderB));
        Build(comparison).Write(path);
        return Summary(comparison);
    }

    /// <summary>The summary printed by the command: totals, what changed, the largest movers.</summary>
    internal static IReadOnlyList<string> Summary(RunComparison c)
    {
        var lines = new List<string>
        {
            $"A: {c.A.Folder} ({c.A.Manifest["as_of"]}), {c.A.Accounts.Count} accounts, IM {Format.Usd(c.TotalA)} USD",
            $"B: {c.B.Folder} ({c.B.Manifest["as_of"]}), {c.B.Accounts.Count} accounts, IM {Format.Usd(c.TotalB)} USD",
            $"IM {Signed(c.TotalB - c.TotalA)} USD ({Format.Pct(c.TotalA != 0 ? (c.TotalB - c.TotalA) / c.TotalA : double.NaN, 1)})",
        };
        lines.AddRange(c.Changes.Count == 0 ? ["changed: nothing the manifests record"] : c.Changes.Select(x => $"changed ({Kind(x.Kind)}): {x.Item}: {x.A} → {x.B}"));
        foreach (var m in c.Accounts.Where(x => x.DeltaIm != 0).OrderByDescending(x => Math.Abs(x.DeltaIm)).Take(10))
            lines.Add($"  {m.AccountId}: IM {Format.Usd(m.A?.InitialMargin ?? 0)} → {Format.Usd(m.B?.InitialMargin ?? 0)} ({Signed(m.DeltaIm)}), {m.Cause}");
        return lines;
    }

    internal static ReportDocument Build(RunComparison c)
    {
        var doc = new ReportDocument($"StressMargin compare: {Path.GetFileName(c.A.Folder)} → {Path.GetFileName(c.B.Folder)}");
        doc.Meta($"A: {c.A.Folder}, as_of {c.A.Manifest["as_of"]}, {c.A.Accounts.Count} accounts");
        doc.Meta($"B: {c.B.Folder}, as_of {c.B.Manifest["as_of"]}, {c.B.Accounts.Count} accounts");

        var html = new StringBuilder("<div class=\"cards\">");
        void Card(string id, string label, string value, string? tone = null) => html.Append(Format.Card(id, label, value, tone));
        double delta = c.TotalB - c.TotalA;
        Card("card-im-a", "IM of A (USD)", Format.Usd(c.TotalA));
        Card("card-im-b", "IM of B (USD)", Format.Usd(c.TotalB));
        Card("card-im-change", "change (USD)", $"{Signed(delta)} ({Format.Pct(c.TotalA != 0 ? delta / c.TotalA : double.NaN, 1)})", delta > 0 ? "bad" : "good");
        foreach (var status in new[] { "margin_call", "liquidation" })
            Card($"card-{status}", status.Replace('_', ' ') + "s A → B", $"{c.A.Accounts.Count(a => a.Status == status)} → {c.B.Accounts.Count(a => a.Status == status)}");
        html.Append("</div>");
        html.Append("<p class=\"note\">Each account's change is attributed to a change of its positions when they differ (attribution.csv), otherwise to what changed between the runs as a whole (the manifests): the market data, the model, the Monte Carlo sample. This is a classification, not a re-run: when several things changed together, their effects are not separated.</p>");
        html.Append(Charts.Plot("plot-compare-waterfall", Waterfall(c), "Total IM from A to B, by the cause of each account's change."));
        var changes = new HtmlTable("changes", "kind", "what", "A", "B");
        foreach (var x in c.Changes) changes.Add(Kind(x.Kind), x.Item, x.A, x.B);
        html.Append("<h3>What changed between the runs</h3>").Append(changes.Count > 0 ? changes.Render() : "<p class=\"note\">Nothing the manifests record: same inputs, model, seed and paths.</p>");
        doc.Section("summary", "Summary", html.ToString());

        var moved = c.Accounts.Where(x => x.DeltaIm != 0).OrderByDescending(x => Math.Abs(x.DeltaIm)).Take(Movers).ToArray();
        var accounts = new StringBuilder();
        if (moved.Length > 0) accounts.Append(Charts.Plot("plot-compare-movers", Movers_(moved), $"The {moved.Length} largest changes of initial margin, coloured by cause."));
        var table = new HtmlTable("compare-accounts", "account", "IM A (USD)#", "IM B (USD)#", "change (USD)#", "change#", "status A", "status B", "driver A", "driver B", "ES A (USD)#", "ES B (USD)#", "stress loss A (USD)#", "stress loss B (USD)#", "cause") { Scroll = true };
        foreach (var x in c.Accounts.OrderByDescending(x => Math.Abs(x.DeltaIm)).ThenBy(x => x.AccountId, StringComparer.Ordinal))
        {
            double? a = x.A?.InitialMargin, b = x.B?.InitialMargin;
            table.Add(x.AccountId, Usd(a), Usd(b), Cell.Usd(x.DeltaIm, x.DeltaIm > 0 ? "up" : x.DeltaIm < 0 ? "down" : null), a is > 0 && b is not null ? Cell.Pct(b.Value / a.Value - 1, 1) : "",
                x.A?.Status ?? "", x.B?.Status ?? "", x.A?.Driver ?? "", x.B?.Driver ?? "", Usd(x.A?.Es), Usd(x.B?.Es), Usd(x.A?.StressLoss), Usd(x.B?.StressLoss), x.Cause);
        }
        accounts.Append(table.Render());
        doc.Section("accounts", "By account", accounts.ToString());
        return doc;
    }

    private static GenericChart Waterfall(RunComparison c)
    {
        var groups = c.Accounts.GroupBy(x => x.Cause).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var labels = new List<string> { "IM of A" };
        var values = new List<double> { c.TotalA };
        var measure = new List<string> { "absolute" };
        foreach (var g in groups)
        {
            labels.Add($"{g.Key} ({g.Count()} accounts)");
            values.Add(g.Sum(x => x.DeltaIm));
            measure.Add("relative");
        }
        labels.Add("IM of B");
        values.Add(c.TotalB);
        measure.Add("total");
        var chart = CS.Chart.Bar<double, string, string>(values, Keys: labels, UseDefaults: false); // replaced by a waterfall trace below
        var trace = GenericChart.getTraces(chart)[0];
        trace.SetProperty("type", "waterfall");
        trace.SetProperty("orientation", "v");
        trace.SetProperty("x", labels);
        trace.SetProperty("y", values);
        trace.RemoveProperty("marker");
        trace.SetProperty("measure", measure);
        trace.SetProperty("hovertemplate", "%{x}<br>%{y:,.0f} USD<extra></extra>");
        return Charts.Style(chart, 380, "", "initial margin (USD)");
    }

    private static GenericChart Movers_(IReadOnlyList<AccountChange> moved)
    {
        var causes = moved.Select(m => m.Cause).Distinct().ToArray();
        string[] palette = [Charts.Colors.Es, Charts.Colors.Stress, Charts.Colors.Liquidity, Charts.Colors.Som, Charts.Colors.Neutral, Charts.Colors.Bad];
        var ids = moved.Select(m => m.AccountId).ToArray();
        var traces = causes.Select((cause, i) =>
        {
            var bar = CS.Chart.Column<double, string, string>(moved.Select(m => m.Cause == cause ? m.DeltaIm : 0), Keys: ids, Name: cause, MarkerColor: Charts.Color(palette[i % palette.Length]), UseDefaults: false);
            return Charts.Set(bar, "hovertemplate", $"%{{x}}<br>IM change %{{y:,.0f}} USD ({cause})<extra></extra>");
        });
        var chart = Charts.Style(CS.Chart.Combine(traces), 420, "account (largest change first)", "IM change, B − A (USD)", "relative", bottom: 40);
        return CS.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, CategoryOrder: StyleParam.CategoryOrder.Array, CategoryArray: ids);
    }

    private static Cell Usd(double? v) => v is { } x ? Cell.Usd(x) : "";

    private static string Signed(double v) => (v > 0 ? "+" : "") + Format.Usd(v);

    private static string Kind(ChangeKind k) => k switch
    {
        ChangeKind.Market => "market",
        ChangeKind.Positions => "positions",
        ChangeKind.Model => "model",
        _ => "Monte Carlo sample",
    };
}
