using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin whatif SCENARIO.yaml --account A --trade INSTRUMENT:QUANTITY [--trade …] [--output text|json]</c>:
/// the account's margin before and after hypothetical trades on the same paths, ΔIM with its driver and its Monte
/// Carlo error on common random numbers next to the error of two independent runs.
/// </summary>
internal static class WhatIfCommand
{
    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit, CancellationToken cancellationToken)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML)." };
        var account = new Option<string>("--account") { Description = "Account id of positions.csv.", Required = true };
        var trade = new Option<string[]>("--trade") { Description = "A hypothetical trade INSTRUMENT:QUANTITY (signed contracts; repeatable; none gives the account's margin as run computes it).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--output") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var paths = Cli.PathsOption();
        var seed = Cli.SeedOption();
        var threads = Cli.ThreadsOption();
        var command = new Command("whatif", "Margin of one account before and after hypothetical trades, on the same simulated paths (common random numbers).")
        {
            scenario, account, trade, output, paths, seed, threads,
        };
        command.SetAction(r =>
        {
            int? p = r.GetValue(paths);
            int? t = r.GetValue(threads);
            Cli.CheckPathsAndThreads(p, t);
            var trades = (r.GetValue(trade) ?? []).Select(text => Trade.Parse(text, new SourceLocation($"--trade '{text}'"))).ToArray();
            string id = r.GetValue(account)!;
            setExit(Execute(ctx, r.GetValue(scenario)!, id, trades, r.GetValue(output) == "json", new RunOverrides(p, r.GetValue(seed)), t, cancellationToken));
        });
        return command;
    }

    /// <summary>Loads, simulates the account's instruments and prints the what-if.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="accountId">Account.</param>
    /// <param name="trades">Trades.</param>
    /// <param name="json">JSON instead of text.</param>
    /// <param name="overrides">Paths and seed.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>Exit code.</returns>
    public static int Execute(CommandContext ctx, string scenario, string accountId, IReadOnlyList<Trade> trades, bool json, RunOverrides overrides, int? threads, CancellationToken cancellationToken)
    {
        var input = ScenarioLoader.Load(scenario, overrides);
        var result = WhatIfJob.Run(input, accountId, new SourceLocation($"--account '{accountId}'"), trades, threads, cancellationToken);
        var o = ctx.Out.Profile.Out.Writer;
        if (json)
        {
            o.WriteLine(JsonSerializer.Serialize(WhatIfJson.From(result, input, null), SessionJson.Options));
            return ExitCodes.Success;
        }
        Print(ctx.Out, result, input);
        return ExitCodes.Success;
    }

    private static void Print(IAnsiConsole console, WhatIfResult r, LoadedScenario input)
    {
        var sim = input.Scenario.Simulation;
        string trades = r.Trades.Count == 0 ? "no trades" : string.Join(", ", r.Trades.Select(t => $"{t.InstrumentId} {t.Quantity.ToString("+0.####;-0.####", CultureInfo.InvariantCulture)}"));
        console.WriteLine($"what-if for {r.AccountId}: {trades} ({sim.Paths:N0} paths, seed {sim.Seed}, as_of {IO.IsoTime.Format(input.Scenario.AsOf)})");
        var table = new Table().Border(TableBorder.Simple).AddColumn("").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned()).AddColumn(new TableColumn("change").RightAligned());
        void Row(string name, double b, double a) => table.AddRow(name, Usd(b), Usd(a), Signed(a - b));
        AccountMargin x = r.Before, y = r.After;
        Row("equity", x.Equity, y.Equity);
        table.AddRow("ES ± s.e.", $"{Usd(x.ExpectedShortfall)} ± {Usd(x.EsStdError)}", $"{Usd(y.ExpectedShortfall)} ± {Usd(y.EsStdError)}", Signed(y.ExpectedShortfall - x.ExpectedShortfall));
        Row("stress loss", x.StressLoss, y.StressLoss);
        Row("short-option min.", x.ShortOptionMinimum, y.ShortOptionMinimum);
        Row("add-ons", x.AddOns, y.AddOns);
        table.AddRow("[bold]initial margin[/]", Usd(x.InitialMargin), Usd(y.InitialMargin), $"[bold]{Signed(y.InitialMargin - x.InitialMargin)}[/]");
        Row("maintenance margin", x.MaintenanceMargin, y.MaintenanceMargin);
        Row("excess", x.Excess, y.Excess);
        table.AddRow("IM set by", MarginCsv.DriverName(x.Driver), MarginCsv.DriverName(y.Driver), "");
        table.AddRow("status", MarginCsv.StatusName(x.Status), MarginCsv.StatusName(y.Status), x.Status == y.Status ? "" : "changed");
        table.AddRow("liquidation at", Move(x.ReverseStress?.LiquidationSpotMove, x.ReverseStress?.LiquidationScenario), Move(y.ReverseStress?.LiquidationSpotMove, y.ReverseStress?.LiquidationScenario), "");
        table.AddRow("default at", Move(x.ReverseStress?.DefaultSpotMove, x.ReverseStress?.DefaultScenario), Move(y.ReverseStress?.DefaultSpotMove, y.ReverseStress?.DefaultScenario), "");
        console.Write(table);
        var d = r.Delta;
        console.WriteLine($"ΔIM {Signed(d.InitialMargin)} USD, driver {MarginCsv.DriverName(d.Driver)}; Monte Carlo s.e. of ΔIM {Usd(d.InitialMarginStdError)} on common paths, {Usd(d.InitialMarginStdErrorIndependent)} for two independent runs");
        console.WriteLine($"ΔES {Signed(d.ExpectedShortfall)} USD; s.e. {Usd(d.EsStdError)} on common paths, {Usd(d.EsStdErrorIndependent)} for two independent runs{Ratio(d.EsStdErrorIndependent, d.EsStdError)} ({d.Batches} batches)");
    }

    private static string Ratio(double independent, double common) =>
        common > 0 && double.IsFinite(independent) ? string.Create(CultureInfo.InvariantCulture, $" ({independent / common:0.#}× smaller on common paths)") : "";

    private static string Usd(double v) => double.IsNaN(v) ? "n/a" : v.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Signed(double v) => double.IsNaN(v) ? "n/a" : v.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);

    private static string Move(double? move, string? scenario) => move is not double m || double.IsNaN(m) ? "beyond range"
        : scenario == Core.Stress.Reverse.DistanceToLiquidation.Current ? "now" : Markup.Escape($"{(m * 100).ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)}% {scenario}");
}
