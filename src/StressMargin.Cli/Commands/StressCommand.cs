using System.Globalization;
using Spectre.Console;
using StressMargin.Core;
using StressMargin.Core.Stress;
using StressMargin.Engine;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin stress SCENARIO.yaml [--out DIR]</c>: only the deterministic stress scenarios, no simulation.</summary>
internal static class StressCommand
{
    /// <summary>Loads the scenario, evaluates its stress scenarios, writes <c>stress.csv</c> and <c>stress-manifest.json</c>.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="outDir">Output folder override, or null for output.dir.</param>
    /// <returns>Exit code.</returns>
    /// <exception cref="InputException">Bad input, or a scenario without stress files.</exception>
    public static int Execute(CommandContext ctx, string scenario, string? outDir)
    {
        var input = ScenarioLoader.Load(scenario, new RunOverrides(OutputDirectory: outDir));
        if (input.StressScenarios.Count == 0)
            throw new InputException(new SourceLocation(scenario), "the scenario names no stress files (expected margin.stress: [stress/….yaml])");
        using var folder = OutputFolder.Acquire(input.Scenario.OutputDirectory);
        InputWarningLines.Write(ctx.Log, input.Warnings, folder.RemovedLeftovers);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = StressJob.Run(input);
        double seconds = clock.Elapsed.TotalSeconds;
        ctx.Log.WriteLine($"{input.StressScenarios.Count} stress scenarios × {input.Book.HeldInstruments.Count} instruments, {input.Book.Accounts.Count} accounts in {seconds:F2} s");

        using var files = new AtomicFileSet(input.Scenario.OutputDirectory);
        files.Write("stress.csv", p => StressCsv.Write(p, result));
        files.WriteText("stress-manifest.json", System.Text.Json.JsonSerializer.Serialize(new
        {
            tool = new { name = "stressmargin", version = ToolInfo.Version, commit = ToolInfo.Commit },
            command = "stress",
            scenario = input.Scenario.Path,
            as_of = IsoTime.Format(input.Scenario.AsOf),
            horizon_days = input.Scenario.Simulation.HorizonDays,
            scenarios = input.StressScenarios.Count,
            accounts = input.Book.Accounts.Count,
            inputs = input.Files.Select(f => new { role = f.Role, path = f.Path, bytes = f.Bytes, sha256 = f.Sha256 }),
            seconds,
            warnings = input.Warnings.Select(w => new { location = w.Location?.ToString(), message = w.Message }),
            outputs = files.Hashes().Select(o => new { file = o.File, bytes = o.Bytes, sha256 = o.Sha256 }),
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        files.Commit();

        PrintWorstScenarios(ctx.Out, result, 10);
        var worst = new Table().Title("Largest weighted stress losses by account (USD)").Border(TableBorder.Simple)
            .AddColumn(new TableColumn("account").NoWrap()).AddColumn(new TableColumn("stress loss").RightAligned().NoWrap()).AddColumn(new TableColumn("scenario").NoWrap());
        foreach (var (id, loss, name) in Enumerable.Range(0, result.AccountIds.Count).Select(a => (result.AccountIds[a], result.WorstWeightedLoss(a)))
                     .Select(x => (x.Item1, x.Item2.Loss, x.Item2.Scenario)).OrderByDescending(x => x.Loss).Take(10))
            worst.AddRow(Markup.Escape(id), loss.ToString("#,0", CultureInfo.InvariantCulture), Markup.Escape(name ?? ""));
        ctx.Out.Write(worst);
        foreach (var p in files.FinalPaths) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }

    /// <summary>Prints the scenarios with the largest weighted loss for the whole book.</summary>
    /// <param name="console">Where to print.</param>
    /// <param name="result">Stress result.</param>
    /// <param name="count">How many.</param>
    public static void PrintWorstScenarios(IAnsiConsole console, StressResult result, int count)
    {
        var table = new Table().Title("Worst stress scenarios for the book (USD)").Border(TableBorder.Simple)
            .AddColumn(new TableColumn("scenario").NoWrap()).AddColumn(new TableColumn("weight").RightAligned())
            .AddColumn(new TableColumn("book P&L").RightAligned().NoWrap()).AddColumn(new TableColumn("weighted loss").RightAligned().NoWrap());
        foreach (int s in Enumerable.Range(0, result.Scenarios.Count).OrderBy(s => result.Scenarios[s].Weight * result.BookPnl(s)).Take(count))
            table.AddRow(Markup.Escape(result.Scenarios[s].Name), result.Scenarios[s].Weight.ToString("0.####", CultureInfo.InvariantCulture),
                result.BookPnl(s).ToString("#,0", CultureInfo.InvariantCulture), (-result.Scenarios[s].Weight * result.BookPnl(s)).ToString("#,0", CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
