using System.Globalization;
using Spectre.Console;
using StressMargin.Core.Backtesting;
using StressMargin.Engine;
using StressMargin.Engine.Backtest;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin backtest SCENARIO.yaml --history FILE --from DATE --to DATE [--out DIR] [--paths N] [--seed N]
/// [--threads N]</c>: recomputes margin for the scenario's linear book on every date of the window with the model
/// calibrated only on data up to that date, and tests IM and VaR against the realized losses.
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Runs, prints and writes the backtest.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="settings">The request.</param>
    /// <param name="threads">CPU worker threads, null = all cores.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <param name="report">Write backtest-report.html (off with <c>--no-report</c>).</param>
    /// <returns>Exit code.</returns>
    public static int Execute(CommandContext ctx, BacktestSettings settings, int? threads, CancellationToken cancellationToken, bool report = true)
    {
        var input = BacktestJob.Prepare(settings);
        var (backend, _) = BackendSelector.Select("cpu", threads);
        using var folder = IO.Output.OutputFolder.Acquire(BacktestJob.OutputDirectory(input), cancellationToken: cancellationToken);
        ctx.Log.WriteLine($"stressmargin {ToolInfo.Version} backtest — {Path.GetFileName(settings.ScenarioPath)}, {input.Rows.Count:N0} dates {settings.From:yyyy-MM-dd} … {settings.To:yyyy-MM-dd}, {settings.Paths:N0} paths per date, backend {backend.Name}: {backend.Device}");
        var result = BacktestJob.Run(input, backend, new PlainProgress(ctx.Log), cancellationToken);
        var paths = BacktestOutputs.Write(result, result.OutputDirectory, report ? path => Report.BacktestReport.Write(path, result) : null);
        Print(ctx.Out, result);
        foreach (var p in paths) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }

    private static void Print(IAnsiConsole console, BacktestResult r)
    {
        console.WriteLine($"{r.ModelDescription}; {r.Dates:N0} dates {r.Observations[0].Date:yyyy-MM-dd} … {r.Observations[^1].Date:yyyy-MM-dd}, loss over the next {r.HorizonRows} history row(s)");
        console.WriteLine($"book: {r.AccountIds.Count - 1} accounts with spot, perpetual or future positions ({r.Book.OptionPositionsLeftOut} option positions and {r.Book.AccountsLeftOut.Count} accounts without linear positions left out)");
        var table = new Table().Title("Exceedances of IM (ES-based) and VaR; Kupiec POF and Christoffersen independence p-values").Border(TableBorder.Simple);
        foreach (var c in new[] { "account", "n", "IM exc.", "rate", "Kupiec p", "Chr. p", "VaR exc.", "rate ", "Kupiec p ", "Chr. p " })
            table.AddColumn(c == "account" ? new TableColumn(c).NoWrap() : new TableColumn(c).RightAligned().NoWrap());
        var rows = r.Summaries.Take(1).Concat(r.Summaries.Skip(1).OrderByDescending(s => s.InitialMargin.Exceedances).ThenByDescending(s => s.ValueAtRisk.Exceedances).ThenBy(s => s.AccountId, StringComparer.Ordinal).Take(10));
        foreach (var s in rows)
            table.AddRow([s.IsBook ? "[bold](whole book)[/]" : Markup.Escape(s.AccountId), s.InitialMargin.Observations.ToString("N0", CultureInfo.InvariantCulture), .. Cells(s.InitialMargin), .. Cells(s.ValueAtRisk)]);
        console.Write(table);
        var accounts = r.Summaries.Skip(1).ToArray();
        int imReject = accounts.Count(s => s.InitialMargin.Kupiec.PValue < 0.05 && s.InitialMargin.Rate > s.InitialMargin.ExpectedRate);
        int varReject = accounts.Count(s => s.ValueAtRisk.Kupiec.PValue < 0.05 && s.ValueAtRisk.Rate > s.ValueAtRisk.ExpectedRate);
        var book = r.Summaries[0];
        console.WriteLine(FormattableString.Invariant($"whole book: IM coverage {1 - book.InitialMargin.Rate:P2} (target ≥ {1 - book.InitialMargin.ExpectedRate:P1}), VaR coverage {1 - book.ValueAtRisk.Rate:P2}"));
        console.WriteLine(FormattableString.Invariant($"accounts with too many exceedances (Kupiec p < 0.05, rate above target): IM {imReject} of {accounts.Length}, VaR {varReject} of {accounts.Length}; {r.Seconds:F1} s"));
    }

    private static string[] Cells(ExceedanceSummary s) =>
    [
        s.Exceedances.ToString("N0", CultureInfo.InvariantCulture),
        s.Rate.ToString("P2", CultureInfo.InvariantCulture),
        s.Kupiec.PValue.ToString("0.000", CultureInfo.InvariantCulture),
        s.Christoffersen.PValue.ToString("0.000", CultureInfo.InvariantCulture),
    ];
}
