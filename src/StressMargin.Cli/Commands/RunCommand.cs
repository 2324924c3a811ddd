using System.Globalization;
using Spectre.Console;
using StressMargin.Compute;
using StressMargin.Core.Margin;
using StressMargin.Engine;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin run SCENARIO.yaml [--out DIR] [--paths N] [--seed N] [--device auto|cpu|ilgpu-cpu|cuda|cuda:N] [--precision double|single] [--threads N]</c>.</summary>
internal static class RunCommand
{
    /// <summary>Loads, simulates, margins and writes; prints a summary.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="overrides">Overrides.</param>
    /// <param name="device">auto, cpu, ilgpu-cpu, cuda or cuda:N.</param>
    /// <param name="threads">Worker threads, null = all cores.</param>
    /// <param name="failOnLiquidation">Return <see cref="ExitCodes.Liquidation"/> when any account is in liquidation.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <param name="precision">Black-76 precision of the GPU kernels.</param>
    /// <param name="waitLock">Wait for another run holding the output folder instead of failing.</param>
    /// <param name="report">Write report.html with the other outputs (off with <c>--no-report</c>).</param>
    /// <returns>Exit code.</returns>
    public static int Execute(CommandContext ctx, string scenario, RunOverrides overrides, string device, int? threads, bool failOnLiquidation, CancellationToken cancellationToken,
        GpuPrecision precision = GpuPrecision.Double, bool waitLock = false, bool report = true)
    {
        var input = ScenarioLoader.Load(scenario, overrides);
        var (backend, fallback) = BackendSelector.Select(device, threads, precision);
        using var release = backend as IDisposable;
        cancellationToken.ThrowIfCancellationRequested();
        // The output folder is created, locked and probed before the simulation, not found unwritable after it.
        using var folder = OutputFolder.Acquire(input.Scenario.OutputDirectory, waitLock, ctx.Log.WriteLine, cancellationToken);
        var s = input.Scenario;
        ctx.Log.WriteLine($"stressmargin {ToolInfo.Version} ({ShortCommit()}) — {Path.GetFileName(s.Path)}, as_of {IsoTime.Format(s.AsOf)}");
        ctx.Log.WriteLine($"  {input.Book.Accounts.Count:N0} accounts, {input.Book.Positions.Count:N0} positions, {input.Plan.InstrumentCount:N0} instruments to revalue, {input.Factors.Underlyings.Count} underlyings");
        if (input.StressScenarios.Count > 0) ctx.Log.WriteLine($"  {input.StressScenarios.Count} stress scenarios from {s.StressFiles.Count} file(s)");
        ctx.Log.WriteLine($"  {s.Simulation.Paths:N0} paths, seed {s.Simulation.Seed}, horizon {s.Simulation.HorizonDays.ToString(CultureInfo.InvariantCulture)} days, {s.Simulation.Distribution}, {(s.Simulation.VolDynamics == Core.RiskModel.VolDynamics.StickyStrike ? "sticky strike" : "sticky moneyness")}");
        if (input.Calibration is { } c) // what the model was calibrated on
            ctx.Log.WriteLine(FormattableString.Invariant($"  calibrated from {Path.GetFileName(c.History.Path)} to {c.Result.DataEnd:yyyy-MM-dd}, ES buffer ×{c.Result.EsBufferMultiplier:0.###}"));
        ctx.Log.WriteLine($"  backend {backend.Name}: {backend.Device}{(fallback is null ? "" : $" ({fallback})")}");
        InputWarningLines.Write(ctx.Log, input.Warnings, folder.RemovedLeftovers);

        MarginRunResult run;
        if (ctx.Interactive)
        {
            run = null!;
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(ctx.Log) }).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(p =>
                {
                    var tasks = new Dictionary<string, ProgressTask>
                    {
                        ["simulate"] = p.AddTask("simulate & revalue", maxValue: s.Simulation.Paths),
                        ["attribution"] = p.AddTask("component ES", maxValue: input.Book.Accounts.Count),
                    };
                    var gate = new Lock();
                    // The backend reports its own totals (the paths of the main pass, the accounts of attribution).
                    var progress = new SynchronousProgress(v =>
                    {
                        lock (gate)
                        {
                            if (!tasks.TryGetValue(v.Stage, out var task)) return;
                            task.MaxValue = Math.Max(v.Total, 1);
                            task.Value = v.Done;
                        }
                    });
                    run = MarginJob.Run(input, backend, progress, cancellationToken, threads);
                });
        }
        else
        {
            run = MarginJob.Run(input, backend, new PlainProgress(ctx.Log), cancellationToken, threads);
        }

        var (paths, _) = RunOutputs.Write(run, fallback, cancellationToken, writeReport: report ? path => Report.RunReport.Write(path, run, fallback) : null);
        PrintSummary(ctx.Out, run);
        foreach (var p in paths) ctx.Log.WriteLine($"wrote {p}");
        int liquidations = run.Accounts.Count(a => a.Status == MarginStatus.Liquidation);
        if (failOnLiquidation && liquidations > 0)
        {
            ctx.Log.WriteLine($"{liquidations} account(s) in liquidation (--fail-on-liquidation): exit code {ExitCodes.Liquidation}");
            return ExitCodes.Liquidation;
        }
        return ExitCodes.Success;
    }

    private static void PrintSummary(IAnsiConsole console, MarginRunResult run)
    {
        var byStatus = Compact(new Table().Title("Accounts by status"), "status", "accounts", "equity (USD)", "initial margin (USD)", "excess (USD)");
        foreach (var status in Enum.GetValues<MarginStatus>())
        {
            var rows = run.Accounts.Where(a => a.Status == status).ToArray();
            byStatus.AddRow(MarginCsv.StatusName(status), rows.Length.ToString("N0", CultureInfo.InvariantCulture), Usd(rows.Sum(a => a.Equity)), Usd(rows.Sum(a => a.InitialMargin)), Usd(rows.Sum(a => a.Excess)));
        }
        byStatus.AddRow("[bold]total[/]", run.Accounts.Count.ToString("N0", CultureInfo.InvariantCulture), Usd(run.Accounts.Sum(a => a.Equity)), $"[bold]{Usd(run.Accounts.Sum(a => a.InitialMargin))}[/]", Usd(run.Accounts.Sum(a => a.Excess)));
        console.Write(byStatus);

        var top = Compact(new Table().Title("Ten largest initial margins (USD)"), "account", "IM", "set by", "ES ± s.e.", "excess", "status");
        foreach (var a in run.Accounts.OrderByDescending(a => a.InitialMargin).ThenBy(a => a.AccountId, StringComparer.Ordinal).Take(10))
            top.AddRow(Markup.Escape(a.AccountId), Usd(a.InitialMargin), a.Driver == ImDriver.ShortOptionMinimum ? "som" : MarginCsv.DriverName(a.Driver),
                $"{Usd(a.ExpectedShortfall)} ± {(double.IsNaN(a.EsStdError) ? "n/a" : Usd(a.EsStdError))}", Usd(a.Excess), MarginCsv.StatusName(a.Status));
        console.Write(top);
        if (run.Stress.Scenarios.Count > 0) StressCommand.PrintWorstScenarios(console, run.Stress, 5);
        var drivers = string.Join(", ", Enum.GetValues<ImDriver>().Select(d => (d, n: run.Accounts.Count(a => a.Driver == d))).Where(x => x.n > 0).Select(x => $"{MarginCsv.DriverName(x.d)} {x.n}"));
        console.WriteLine($"IM set by: {drivers}");
        var t = run.Risk.StageSeconds.ToDictionary(kv => kv.Key, kv => kv.Value);
        double simulate = t.GetValueOrDefault("simulate");
        console.WriteLine(FormattableString.Invariant($"load {run.Input.LoadSeconds:F2} s, simulate+revalue {simulate:F2} s ({run.Risk.Revaluations / Math.Max(simulate, 1e-9) / 1e6:F1} M revaluations/s), tail {t.GetValueOrDefault("tail"):F2} s, attribution {t.GetValueOrDefault("attribution"):F2} s"));
    }

    private static Table Compact(Table table, params string[] columns)
    {
        table.Border(TableBorder.Simple);
        foreach (var c in columns)
        {
            var column = new TableColumn(c).NoWrap();
            if (c is not ("status" or "account")) column.RightAligned();
            table.AddColumn(column);
        }
        return table;
    }

    private static string Usd(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    private static string ShortCommit() => ToolInfo.Commit.Length >= 7 ? ToolInfo.Commit[..7] : ToolInfo.Commit;

    /// <summary>An IProgress that calls its handler on the reporting thread (Progress&lt;T&gt; would post to a thread pool).</summary>
    private sealed class SynchronousProgress(Action<ComputeProgress> handler) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => handler(value);
    }
}
