using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using StressMargin.Core;
using StressMargin.Core.Margin.Explain;
using StressMargin.Engine;
using StressMargin.Engine.Explain;
using StressMargin.Engine.Session;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin explain SCENARIO.yaml ACCOUNT [--out DIR] [--paths N] [--seed N] [--threads N]</c>: an account's IM
/// broken down by its driver (docs/model.md §9.7), read from the <c>explain.csv</c> of a run in the output folder, or —
/// when the folder has none for the account, or <c>--paths</c> or <c>--seed</c> is given — computed by simulating the
/// account alone on a run's paths. Prints the breakdown and writes <c>explain.json</c> into the output folder.
/// </summary>
internal static class ExplainCommand
{
    private const string Simulated = "simulated alone";

    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit, CancellationToken cancellationToken)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML)." };
        var account = new Argument<string>("account") { Description = "Account id of positions.csv." };
        var outDir = new Option<string?>("--out") { Description = "The run's output folder, where explain.json is written (overrides output.dir)." };
        var paths = Cli.PathsOption();
        var seed = Cli.SeedOption();
        var threads = Cli.ThreadsOption();
        var command = new Command("explain", "Break an account's initial margin down by its driver: component ES, per-position stress P&L, add-ons; writes explain.json.")
        {
            scenario, account, outDir, paths, seed, threads,
        };
        command.SetAction(r =>
        {
            int? p = r.GetValue(paths);
            int? t = r.GetValue(threads);
            Cli.CheckPathsAndThreads(p, t);
            string? dir = r.GetValue(outDir);
            if (dir is not null && File.Exists(dir)) throw new Cli.UsageException($"--out '{dir}' is a file; expected a folder (created if missing)");
            setExit(Execute(ctx, r.GetValue(scenario)!, r.GetValue(account)!, new RunOverrides(p, r.GetValue(seed), dir), t, cancellationToken));
        });
        return command;
    }

    /// <summary>Explains one account and writes <c>explain.json</c>.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="accountId">Account.</param>
    /// <param name="overrides">Paths, seed (either forces a simulation of the account alone) and output folder.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>Exit code.</returns>
    /// <exception cref="InputException">Bad input, an unknown account, or a malformed explain.csv.</exception>
    public static int Execute(CommandContext ctx, string scenario, string accountId, RunOverrides overrides, int? threads, CancellationToken cancellationToken)
    {
        var input = ScenarioLoader.Load(scenario, overrides);
        var where = new SourceLocation($"account '{accountId}'");
        WhatIfJob.FindAccount(input.Book, input.Scenario.Inputs.Positions, accountId, where);
        string dir = input.Scenario.OutputDirectory;
        string runFile = Path.Combine(dir, "explain.csv");
        bool simulate = overrides.Paths is not null || overrides.Seed is not null || !File.Exists(runFile);
        var breakdown = simulate ? null : ExplainCsv.Read(runFile, accountId);
        string source = breakdown is null ? Simulated : runFile;
        if (breakdown is null)
        {
            if (!simulate) ctx.Log.WriteLine($"{runFile} has no rows for '{accountId}'; simulating the account alone");
            breakdown = ExplainJob.Run(input, accountId, where, threads, cancellationToken).Breakdown;
        }

        using var folder = OutputFolder.Acquire(dir);
        InputWarningLines.Write(ctx.Log, input.Warnings, folder.RemovedLeftovers);
        using var files = new AtomicFileSet(dir);
        files.WriteText("explain.json", ToJson(breakdown, input, source));
        files.Commit(cancellationToken);

        Print(ctx.Out, breakdown, source, input);
        foreach (var p in files.FinalPaths) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }

    private static void Print(IAnsiConsole console, ImBreakdown b, string source, LoadedScenario input)
    {
        static string Usd(double v) => v.ToString("#,0.00", CultureInfo.InvariantCulture);
        string Share(double v) => b.InitialMargin == 0 ? "" : (v / b.InitialMargin).ToString("0.0%", CultureInfo.InvariantCulture);
        var sim = input.Scenario.Simulation;
        console.WriteLine($"IM of {b.AccountId}: {Usd(b.InitialMargin)} USD, driver {MarginCsv.DriverName(b.Driver)}");
        console.WriteLine($"largest risk term: {MarginCsv.DriverName(b.RiskTerm)} {Usd(b.RiskTermUsd)} USD{(b.Scenario is null ? "" : $" under {b.Scenario}")}");
        console.WriteLine(source == Simulated
            ? string.Create(CultureInfo.InvariantCulture, $"from: {Simulated} ({sim.Paths:N0} paths, seed {sim.Seed})")
            : $"from: {source}");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("term").NoWrap()).AddColumn(new TableColumn("item").NoWrap()).AddColumn(new TableColumn("USD").RightAligned().NoWrap())
            .AddColumn(new TableColumn("share of IM").RightAligned().NoWrap());
        foreach (var t in b.Terms) table.AddRow(Markup.Escape(t.Term), Markup.Escape(t.Item ?? ""), Usd(t.AmountUsd), Share(t.AmountUsd));
        table.AddEmptyRow();
        table.AddRow("total", "", Usd(b.SumOfTerms), Share(b.SumOfTerms));
        console.Write(table);
    }

    private static string ToJson(ImBreakdown b, LoadedScenario input, string source) => JsonSerializer.Serialize(new
    {
        account = b.AccountId,
        scenario_file = input.Scenario.Path,
        as_of = IsoTime.Format(input.Scenario.AsOf),
        source,
        paths = source == Simulated ? input.Scenario.Simulation.Paths : (int?)null,
        seed = source == Simulated ? input.Scenario.Simulation.Seed : (ulong?)null,
        im_driver = MarginCsv.DriverName(b.Driver),
        initial_margin = b.InitialMargin,
        risk_term = MarginCsv.DriverName(b.RiskTerm),
        risk_term_amount = b.RiskTermUsd,
        stress_scenario = b.Scenario,
        terms = b.Terms.Select(t => new { term = t.Term, item = t.Item, amount = t.AmountUsd }),
        sum_of_terms = b.SumOfTerms,
    }, new JsonSerializerOptions { WriteIndented = true });
}
