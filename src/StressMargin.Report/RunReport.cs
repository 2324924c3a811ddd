using System.Text;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Engine;
using StressMargin.IO;
using StressMargin.IO.Output;
using StressMargin.Report.Html;
using StressMargin.Report.Plots;

namespace StressMargin.Report;

/// <summary>
/// <c>report.html</c> of a run, for the morning review: the summary (accounts by status, IM by driver, the largest
/// margins, margin calls and liquidations), every account's figures (sortable, exact values as in margin.csv), each
/// account's simulated loss distribution with VaR and ES (from the backend's loss histograms), IM composition, the
/// stress heatmap, the calibration when there is one, and the run's provenance (docs/formats.md, "report.html").
/// </summary>
public static class RunReport
{
    /// <summary>Accounts in the IM composition plot (largest IM first).</summary>
    public const int CompositionAccounts = 40;

    /// <summary>Accounts whose loss distribution the page carries (largest IM first; about 1.4 KB each): beyond it,
    /// the others' counts are in histogram.csv.</summary>
    public const int DistributionAccounts = 1000;

    /// <summary>Rows of the stress heatmap: the accounts with the largest worst weighted stress loss.</summary>
    public const int HeatmapAccounts = 25;

    /// <summary>Columns of the stress heatmap: the scenarios with the largest weighted book loss.</summary>
    public const int HeatmapScenarios = 15;

    /// <summary>Writes the report of a run.</summary>
    /// <param name="path">Destination (the temporary name of the run's atomic output set).</param>
    /// <param name="run">The run.</param>
    /// <param name="fallbackReason">Why CUDA was not used under <c>--device auto</c>, or null.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, MarginRunResult run, string? fallbackReason = null) => Build(run, fallbackReason).Write(path);

    /// <summary>Builds the page.</summary>
    /// <param name="run">The run.</param>
    /// <param name="fallbackReason">Why CUDA was not used, or null.</param>
    /// <returns>The page.</returns>
    internal static ReportDocument Build(MarginRunResult run, string? fallbackReason)
    {
        var input = run.Input;
        var s = input.Scenario;
        var sim = s.Simulation;
        var doc = new ReportDocument($"StressMargin run: {Path.GetFileName(s.Path)}, as_of {IsoTime.Format(s.AsOf)}");
        doc.Meta($"{Format.Count(run.Accounts.Count)} accounts, {Format.Count(run.Attribution.Count)} positions; {Format.Count(sim.Paths)} paths, seed {sim.Seed}, horizon {Format.Num(sim.HorizonDays, "0.###")} days, {sim.Distribution}; ES {Format.Pct(s.Margin.EsConfidence, 1)}, VaR {Format.Pct(s.Margin.VarConfidence, 1)}");
        doc.Meta($"backend {run.Backend}: {run.Device}{(fallbackReason is null ? "" : $" ({fallbackReason})")}; started {Format.Utc(run.StartedUtc)}; stressmargin {ToolInfo.Version} ({ToolInfo.Commit})");
        var order = run.Accounts.Select((a, i) => (Account: a, Index: i)).OrderByDescending(x => x.Account.InitialMargin).ThenBy(x => x.Account.AccountId, StringComparer.Ordinal).ToArray();

        doc.Section("summary", "Summary", Summary(run, order.Select(x => x.Account).ToArray()));
        doc.Section("accounts", "Accounts", AccountsTable(run.Accounts));
        doc.Section("losses", "Loss distribution", LossDistribution(run, order));
        doc.Section("composition", "IM composition", Composition(run, order));
        doc.Section("stress", "Stress scenarios", Stress(run));
        if (input.Calibration is { } calibration) doc.Section("calibration", "Calibration", CalibrationSection.Html(input, calibration));
        doc.Section("provenance", "Run details", Provenance(run));
        return doc;
    }

    private static string Summary(MarginRunResult run, IReadOnlyList<AccountMargin> byIm)
    {
        var a = run.Accounts;
        var html = new StringBuilder("<div class=\"cards\">");
        void Card(string id, string label, string value, string? tone = null) => html.Append(Format.Card(id, label, value, tone));
        int calls = a.Count(x => x.Status == MarginStatus.MarginCall), liquidations = a.Count(x => x.Status == MarginStatus.Liquidation);
        Card("card-accounts", "accounts", Format.Count(a.Count));
        Card("card-equity", "equity (USD)", Format.Usd(a.Sum(x => x.Equity)));
        Card("card-im", "initial margin (USD)", Format.Usd(a.Sum(x => x.InitialMargin)));
        Card("card-calls", "margin calls", $"{calls} · {Format.Usd(a.Where(x => x.Status == MarginStatus.MarginCall).Sum(x => x.CallAmount))} USD", calls > 0 ? "warn" : "good");
        Card("card-liquidations", "liquidations", $"{liquidations} · {Format.Usd(a.Where(x => x.Status == MarginStatus.Liquidation).Sum(x => x.CallAmount))} USD", liquidations > 0 ? "bad" : "good");
        html.Append("</div><div class=\"row\"><div>");

        var status = new HtmlTable("by-status", "status", "accounts#", "equity (USD)#", "initial margin (USD)#", "excess (USD)#", "call amount (USD)#");
        foreach (var st in Enum.GetValues<MarginStatus>())
        {
            var rows = a.Where(x => x.Status == st).ToArray();
            status.Add(new Cell(MarginCsv.StatusName(st), Class: "status-" + MarginCsv.StatusName(st)), Cell.Count(rows.Length), Cell.Usd(rows.Sum(x => x.Equity)),
                Cell.Usd(rows.Sum(x => x.InitialMargin)), Cell.Usd(rows.Sum(x => x.Excess)), Cell.Usd(rows.Sum(x => x.CallAmount)));
        }
        html.Append("<h3>Accounts by status</h3>").Append(status.Render());
        var total = a.Sum(x => x.InitialMargin);
        var drivers = new HtmlTable("by-driver", "IM driver", "accounts#", "initial margin (USD)#", "share of IM#");
        foreach (var d in Enum.GetValues<ImDriver>())
        {
            var rows = a.Where(x => x.Driver == d).ToArray();
            drivers.Add(MarginCsv.DriverName(d), Cell.Count(rows.Length), Cell.Usd(rows.Sum(x => x.InitialMargin)), Cell.Pct(total > 0 ? rows.Sum(x => x.InitialMargin) / total : 0, 1));
        }
        html.Append("<h3>IM by driver</h3>").Append(drivers.Render()).Append("</div><div>");
        html.Append(Charts.Plot("plot-im-by-driver", MarginPlots.ImByDriver(a), "Initial margin by the term that set it, stacked by status."));
        html.Append("</div></div>");

        var top = new HtmlTable("largest-im", "account", "initial margin (USD)#", "IM driver", "ES (USD)#", "stress loss (USD)#", "equity (USD)#", "excess (USD)#", "status") { SelectTarget = "plot-losses-select" };
        foreach (var x in byIm.Take(15))
            top.AddSelecting(x.AccountId, x.AccountId, Cell.Usd(x.InitialMargin), MarginCsv.DriverName(x.Driver), Cell.Usd(x.ExpectedShortfall), Cell.Usd(x.StressLoss),
                Cell.Usd(x.Equity), Cell.Usd(x.Excess), new Cell(MarginCsv.StatusName(x.Status), Class: "status-" + MarginCsv.StatusName(x.Status)));
        html.Append("<h3>Largest initial margins</h3>").Append(top.Render());

        var problems = a.Where(x => x.Status != MarginStatus.Ok).OrderBy(x => x.Status == MarginStatus.Liquidation ? 0 : 1).ThenByDescending(x => x.CallAmount).ToArray();
        html.Append($"<h3>Margin calls and liquidations ({problems.Length})</h3>");
        if (problems.Length == 0) html.Append("<p class=\"note\">Every account's equity covers its initial margin.</p>");
        else
        {
            var calls2 = new HtmlTable("calls", "account", "status", "equity (USD)#", "initial margin (USD)#", "maintenance margin (USD)#", "call amount (USD)#", "MM shortfall (USD)#", "IM driver") { SelectTarget = "plot-losses-select", Scroll = problems.Length > 15 };
            foreach (var x in problems)
                calls2.AddSelecting(x.AccountId, x.AccountId, new Cell(MarginCsv.StatusName(x.Status), Class: "status-" + MarginCsv.StatusName(x.Status)), Cell.Usd(x.Equity), Cell.Usd(x.InitialMargin),
                    Cell.Usd(x.MaintenanceMargin), Cell.Usd(x.CallAmount), Cell.Usd(x.MaintenanceShortfall), MarginCsv.DriverName(x.Driver));
            html.Append(calls2.Render());
        }
        return html.ToString();
    }

    /// <summary>Every margin.csv column of every account, in book order; numbers shown rounded to the dollar, exact in <c>data-value</c>.</summary>
    private static string AccountsTable(IReadOnlyList<AccountMargin> accounts)
    {
        var table = new HtmlTable("accounts-table", "account_id", "status", "equity#", "var#", "es#", "es_std_error#", "initial_margin#", "maintenance_margin#", "excess#",
            "stress_loss#", "worst_scenario", "addons#", "liquidity_spread#", "market_impact#", "concentration#", "depth_fallbacks#", "im_driver", "call_amount#", "mm_shortfall#", "short_option_minimum#",
            "liquidation_spot_move#", "liquidation_scenario", "default_spot_move#", "default_scenario", "collateral_haircut#") { SelectTarget = "plot-losses-select", Scroll = true };
        foreach (var a in accounts)
        {
            var r = a.ReverseStress ?? Core.Stress.Reverse.DistanceToLiquidation.None;
            table.AddSelecting(a.AccountId, a.AccountId, new Cell(MarginCsv.StatusName(a.Status), Class: "status-" + MarginCsv.StatusName(a.Status)), Cell.Usd(a.Equity), Cell.Usd(a.ValueAtRisk),
                Cell.Usd(a.ExpectedShortfall), Cell.Usd(a.EsStdError), Cell.Usd(a.InitialMargin), Cell.Usd(a.MaintenanceMargin), Cell.Usd(a.Excess), Cell.Usd(a.StressLoss),
                a.WorstScenario ?? "", Cell.Usd(a.AddOns), Cell.Usd(a.AddOnParts?.Liquidity ?? 0), Cell.Usd(a.AddOnParts?.MarketImpact ?? 0), Cell.Usd(a.AddOnParts?.Concentration ?? 0),
                Cell.Count(a.AddOnParts?.DepthFallbacks ?? 0), MarginCsv.DriverName(a.Driver), Cell.Usd(a.CallAmount), Cell.Usd(a.MaintenanceShortfall), Cell.Usd(a.ShortOptionMinimum),
                Cell.Pct(r.LiquidationSpotMove), r.LiquidationScenario ?? "", Cell.Pct(r.DefaultSpotMove), r.DefaultScenario ?? "", Cell.Usd(a.CollateralHaircut));
        }
        return "<p class=\"note\">The columns of <code>margin.csv</code> in book order (USD, rounded to the dollar; the exact values are in each cell's <code>data-value</code>). Click a header to sort, a row to show the account's loss distribution.</p>"
            + table.Render();
    }

    private static string LossDistribution(MarginRunResult run, IReadOnlyList<(AccountMargin Account, int Index)> order)
    {
        if (run.Risk.Histograms is not { } histograms)
            return $"<p class=\"missing\" id=\"losses-missing\">The loss histogram is not available: the {Format.Escape(run.Backend)} backend does not count the simulated losses per account (histogram.csv was not written). VaR and ES are in the accounts table.</p>";
        var margin = run.Input.Scenario.Margin;
        string limit = order.Count > DistributionAccounts ? $" The {DistributionAccounts:N0} largest initial margins of {order.Count:N0} accounts are shown; every account's counts are in <code>histogram.csv</code>." : "";
        order = order.Take(DistributionAccounts).ToArray();
        if (order.Count == 0) return "<p class=\"note\">The book has no accounts.</p>";
        var (first, figures) = LossDistributionPlot.Figures(order.Select(x => (x.Account, histograms[x.Index])).ToArray(), margin.VarConfidence, margin.EsConfidence);
        var options = order.Select(x => (x.Account.AccountId, $"{x.Account.AccountId} (IM {Format.Usd(x.Account.InitialMargin)}, {MarginCsv.StatusName(x.Account.Status)})")).ToArray();
        return $"<p class=\"note\">Each account's loss over the horizon on every simulated path (a positive number is a loss), counted on the fixed log-linear grid of <code>histogram.csv</code> and re-binned here into equal bins; VaR and ES are the values of <code>margin.csv</code>. Accounts are listed by initial margin.{limit}</p>"
            + Charts.SelectablePlot("plot-losses", "Account", options, figures, first, $"{Format.Count(run.Input.Scenario.Simulation.Paths)} paths per account; the y axis is logarithmic by default (buttons at the top right).");
    }

    private static string Composition(MarginRunResult run, IReadOnlyList<(AccountMargin Account, int Index)> order)
    {
        var input = run.Input;
        var settings = input.Scenario.Margin;
        var calculator = input.AddOnCalculator();
        double esFactor = settings.EsMultiplier * input.EsBufferMultiplier;
        var rows = order.Where(x => x.Account.InitialMargin > 0).Take(CompositionAccounts)
            .Select(x => new ImComposition(x.Account, x.Account.ExpectedShortfall * esFactor, calculator.Compute(input.Book.Accounts[x.Index]))).ToArray();
        if (rows.Length == 0) return "<p class=\"note\">No account has a positive initial margin.</p>";
        return $"<p class=\"note\">IM = max(ES × {Format.Num(settings.EsMultiplier, "0.###")} × {Format.Num(input.EsBufferMultiplier, "0.###")}, stress loss, short-option minimum) + liquidity + market-impact + concentration add-ons (docs/model.md §9). Each bar stacks the risk term that set IM and the add-ons; the markers show every risk term, so the runner-up is visible. The {rows.Length} largest initial margins.</p>"
            + Charts.Plot("plot-im-composition", MarginPlots.ImComposition(rows), "Click a legend entry to hide or show a series; hover for values.");
    }

    private static string Stress(MarginRunResult run)
    {
        var stress = run.Stress;
        if (stress.Scenarios.Count == 0) return "<p class=\"note\">The scenario names no stress files (margin.stress): IM rests on ES and the add-ons alone.</p>";
        var scenarios = Enumerable.Range(0, stress.Scenarios.Count).OrderByDescending(i => -stress.Scenarios[i].Weight * stress.BookPnl(i)).Take(HeatmapScenarios).ToArray();
        var accounts = Enumerable.Range(0, run.Accounts.Count).Where(a => run.Accounts[a].StressLoss > 0)
            .OrderByDescending(a => run.Accounts[a].StressLoss).ThenBy(a => a).Take(HeatmapAccounts).ToArray();
        var worst = new HtmlTable("worst-scenarios", "scenario", "weight#", "book P&L (USD)#", "weighted book loss (USD)#", "accounts it sets IM for#");
        foreach (int i in scenarios)
        {
            var sc = stress.Scenarios[i];
            int binding = run.Accounts.Count(a => a.Driver == ImDriver.Stress && a.WorstScenario == sc.Name);
            worst.Add(sc.Name, Cell.Num(sc.Weight, "0.###"), Cell.Usd(stress.BookPnl(i)), Cell.Usd(-sc.Weight * stress.BookPnl(i)), Cell.Count(binding));
        }
        var html = new StringBuilder($"<p class=\"note\">{stress.Scenarios.Count} scenarios; the {scenarios.Length} worst for the whole book and the {accounts.Length} accounts with the largest weighted stress loss. Full detail: <code>stress.csv</code>.</p>");
        if (accounts.Length > 0)
            html.Append(Charts.Plot("plot-stress-heatmap", MarginPlots.StressHeatmap(stress, accounts, scenarios), "Weighted loss weight × (−P&L) per account and scenario, USD; red is a loss, blue a gain."));
        else html.Append("<p class=\"note\">No account loses money in any stress scenario.</p>");
        html.Append("<h3>Worst scenarios for the book</h3>").Append(worst.Render());
        return html.ToString();
    }

    private static string Provenance(MarginRunResult run)
    {
        var html = new StringBuilder();
        var stages = new HtmlTable("timings", "stage", "seconds#");
        stages.Add("load", Cell.Num(run.Input.LoadSeconds, "0.000"));
        foreach (var (stage, seconds) in run.Risk.StageSeconds) stages.Add(stage, Cell.Num(seconds, "0.000"));
        var inputs = new HtmlTable("inputs", "role", "file", "bytes#", "sha256");
        foreach (var f in run.Input.Files) inputs.Add(f.Role, f.Path, Cell.Count(f.Bytes), f.Sha256);
        html.Append("<div class=\"row\"><div style=\"flex:0 1 260px\"><h3>Timings</h3>").Append(stages.Render()).Append("</div><div><h3>Inputs</h3><div class=\"scroll\">").Append(inputs.Render()).Append("</div></div></div>");
        html.Append($"<p class=\"note\">Scenario <code>{Format.Escape(run.Input.Scenario.Path)}</code>; the full record of the run is <code>manifest.json</code> beside this file.</p>");
        return html.ToString();
    }
}
