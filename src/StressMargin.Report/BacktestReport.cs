using System.Text;
using StressMargin.Core.Backtesting;
using StressMargin.Engine;
using StressMargin.Engine.Backtest;
using StressMargin.Report.Html;
using StressMargin.Report.Plots;

namespace StressMargin.Report;

/// <summary>
/// <c>backtest-report.html</c>: the backtest's test statistics (Kupiec POF, Christoffersen independence) for the book
/// and every account, IM and VaR against the realized loss over time with the exceedances marked (the book and the
/// accounts with the most IM exceedances), and the book's cumulative exceedances against their expected number.
/// </summary>
public static class BacktestReport
{
    /// <summary>Accounts drawn in the margin-against-loss plot besides the whole book (the most IM exceedances first).</summary>
    public const int PlottedAccounts = 10;

    /// <summary>Writes the report.</summary>
    /// <param name="path">Destination (a temporary name of the backtest's atomic output set).</param>
    /// <param name="result">The backtest.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, BacktestResult result) => Build(result).Write(path);

    /// <summary>Builds the page.</summary>
    /// <param name="result">The backtest.</param>
    /// <returns>The page.</returns>
    internal static ReportDocument Build(BacktestResult result)
    {
        var doc = new ReportDocument($"StressMargin backtest: {Path.GetFileName(result.ScenarioPath)}, {result.Observations[0].Date:yyyy-MM-dd} … {result.Observations[^1].Date:yyyy-MM-dd}");
        doc.Meta($"{result.ModelDescription}; {Format.Count(result.Dates)} dates, {Format.Count(result.Settings.Paths)} paths per date, loss over the next {result.HorizonRows} history row(s)");
        doc.Meta($"{result.AccountIds.Count - 1} accounts with linear positions ({result.Book.OptionPositionsLeftOut} option positions and {result.Book.AccountsLeftOut.Count} accounts without linear positions left out); history {Path.GetFileName(result.History.Path)} (sha256 {result.History.Sha256[..12]}…); {Format.Num(result.Seconds, "0.0")} s; stressmargin {ToolInfo.Version} ({ToolInfo.Commit})");

        var book = result.Summaries[0];
        var html = new StringBuilder("<div class=\"cards\">");
        void Card(string id, string label, string value, string? tone = null) => html.Append(Format.Card(id, label, value, tone));
        Card("card-im-coverage", "book IM coverage", Format.Pct(1 - book.InitialMargin.Rate), Tone(book.InitialMargin));
        Card("card-im-kupiec", "IM Kupiec p", Format.Num(book.InitialMargin.Kupiec.PValue, "0.000"), Tone(book.InitialMargin));
        Card("card-var-coverage", "book VaR coverage", Format.Pct(1 - book.ValueAtRisk.Rate), Tone(book.ValueAtRisk));
        Card("card-var-kupiec", "VaR Kupiec p", Format.Num(book.ValueAtRisk.Kupiec.PValue, "0.000"), Tone(book.ValueAtRisk));
        html.Append("</div><p class=\"note\">An exceedance is a realized loss strictly above the margin of the date before it. Kupiec's POF test compares the exceedance rate with p = 1 − confidence; Christoffersen's tests whether exceedances cluster (docs/model.md §14). A small p-value with a rate above p means too little margin.</p>");
        var table = new HtmlTable("coverage", "account", "dates#", "IM exceedances#", "IM rate#", "expected#", "IM Kupiec p#", "IM Christoffersen p#",
            "VaR exceedances#", "VaR rate#", "VaR Kupiec p#", "VaR Christoffersen p#", "mean IM (USD)#", "mean loss (USD)#", "worst loss − IM (USD)#") { Scroll = result.Summaries.Count > 16, SelectTarget = "plot-backtest-select" };
        foreach (var s in result.Summaries)
        {
            string key = s.IsBook ? "book" : s.AccountId;
            table.AddSelecting(key, s.IsBook ? "(whole book)" : s.AccountId, Cell.Count(s.InitialMargin.Observations), Cell.Count(s.InitialMargin.Exceedances), Cell.Pct(s.InitialMargin.Rate),
                Cell.Pct(s.InitialMargin.ExpectedRate, 1), Cell.Num(s.InitialMargin.Kupiec.PValue, "0.000"), Cell.Num(s.InitialMargin.Christoffersen.PValue, "0.000"),
                Cell.Count(s.ValueAtRisk.Exceedances), Cell.Pct(s.ValueAtRisk.Rate), Cell.Num(s.ValueAtRisk.Kupiec.PValue, "0.000"), Cell.Num(s.ValueAtRisk.Christoffersen.PValue, "0.000"),
                Cell.Usd(s.MeanInitialMargin), Cell.Usd(s.MeanRealizedLoss), Cell.Usd(s.WorstExcessLoss));
        }
        html.Append(table.Render());
        doc.Section("statistics", "Test statistics", html.ToString());

        var byAccount = result.Observations.GroupBy(o => o.Account).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Date).ToArray());
        var shown = new[] { 0 }.Concat(Enumerable.Range(1, result.AccountIds.Count - 1)
            .OrderByDescending(a => result.Summaries[a].InitialMargin.Exceedances).ThenByDescending(a => result.Summaries[a].ValueAtRisk.Exceedances).ThenBy(a => result.AccountIds[a], StringComparer.Ordinal)
            .Take(PlottedAccounts)).ToArray();
        var options = shown.Select(a =>
        {
            string name = a == 0 ? "whole book" : result.AccountIds[a];
            var s = result.Summaries[a];
            return (a == 0 ? "book" : result.AccountIds[a], $"{name} ({s.InitialMargin.Exceedances} IM, {s.ValueAtRisk.Exceedances} VaR exceedances)", BacktestPlots.MarginAgainstLoss(name, byAccount[a]));
        }).ToArray();
        doc.Section("margin", "Margin against realized loss",
            $"<p class=\"note\">The whole book and the {shown.Length - 1} accounts with the most IM exceedances; every account's dates are in <code>backtest_daily.csv</code>.</p>"
            + Charts.SelectablePlot("plot-backtest", "Show", options, "Hover for values; drag to zoom, double-click to reset.")
            + "<h3>Cumulative exceedances of the whole book</h3>"
            + Charts.Plot("plot-backtest-cumulative", BacktestPlots.CumulativeExceedances(byAccount[0], book.InitialMargin.ExpectedRate, book.ValueAtRisk.ExpectedRate),
                "Exceedances so far against the number expected at the target rate: a line well above its expectation is too little margin."));
        return doc;
    }

    private static string Tone(ExceedanceSummary s) => s.Kupiec.PValue < 0.05 ? (s.Rate > s.ExpectedRate ? "bad" : "warn") : "good";
}
