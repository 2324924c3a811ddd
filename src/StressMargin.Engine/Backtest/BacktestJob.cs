using System.Diagnostics;
using StressMargin.Compute;
using StressMargin.Compute.Plan;
using StressMargin.Core;
using StressMargin.Core.Backtesting;
using StressMargin.Core.Calibration;
using StressMargin.Core.Margin;
using StressMargin.Core.MarketData;
using StressMargin.Engine.Calibration;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.History;
using StressMargin.IO.Output;
using StressMargin.IO.Scenario;

namespace StressMargin.Engine.Backtest;

/// <summary>
/// The regulator's test of a margin model (docs/model.md, "Backtest"): for a fixed book, on every history date D in
/// [from, to] that has a close D rows later, calibrate the model on the closes up to D (the calibration block, if
/// any, exactly as a nightly run as of D + 1 day 00:00 UTC would), margin every account at D's closes, and compare IM
/// and VaR with the loss the positions realized from D's close to the close D rows later. Exceedances (loss &gt; IM,
/// loss &gt; VaR) are counted per account and for the whole book and tested with Kupiec's and Christoffersen's tests.
/// <para>Conventions: the book's linear positions only (<see cref="BacktestBook"/>); the market at D is the history's
/// close of each underlying with forwards equal to spot (futures at zero basis); realized P&amp;L of a position =
/// w·P0·(S_{D+h}/S_D − 1), P0 = S_D, the same formula the engine revalues linear instruments with; the same seed on
/// every date; D = round(horizon_days·P/365) rows.</para>
/// </summary>
public static class BacktestJob
{
    /// <summary>Prepares and runs the backtest (<see cref="Prepare"/>, then <see cref="Run(BacktestInput, IComputeBackend, IProgress{ComputeProgress}?, CancellationToken)"/>).</summary>
    /// <param name="settings">Dates, history, paths, seed.</param>
    /// <param name="backend">Compute backend.</param>
    /// <param name="progress">Progress in dates (stage <c>backtest</c>); optional.</param>
    /// <param name="cancellationToken">Cancellation, checked between dates.</param>
    /// <returns>Every observation and the per-account tests.</returns>
    /// <exception cref="InputException">See <see cref="Prepare"/>.</exception>
    public static BacktestResult Run(BacktestSettings settings, IComputeBackend backend, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(Prepare(settings), backend, progress, cancellationToken);

    /// <summary>
    /// Reads and checks everything before the first simulation: the scenario, the history, the book, a history column
    /// for every underlying with a price on every date, and the model's calibration on the first date (data only grow
    /// from there, so later dates calibrate too unless their estimated correlation is not positive semi-definite).
    /// </summary>
    /// <param name="settings">Dates, history, paths, seed.</param>
    /// <returns>The checked input.</returns>
    /// <exception cref="InputException">Bad scenario, book or history; no backtest date in the window; an underlying
    /// without a price on a date; a first date on which the model cannot be calibrated.</exception>
    public static BacktestInput Prepare(BacktestSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var scenario = ScenarioReader.Read(settings.ScenarioPath);
        string historyPath = settings.HistoryPath is { } h ? Path.GetFullPath(h)
            : scenario.Calibration?.HistoryPath ?? throw new InputException(new SourceLocation(settings.ScenarioPath), "no price history to backtest on: give --history FILE, or a calibration block with history:");
        IO.Files.InputFiles.RequireRegularFile(historyPath, null, "file not found");
        var calendar = scenario.Calibration?.Calendar ?? HistoryCalendar.Daily;
        scenario = scenario with
        {
            Simulation = scenario.Simulation with { Paths = settings.Paths, Seed = settings.Seed ?? scenario.Simulation.Seed },
            Calibration = scenario.Calibration is { } c ? c with { HistoryPath = historyPath } : null,
        };
        var history = HistoryCsv.Read(historyPath, calendar);
        var historyFile = InputFileInfo.Of("history", historyPath);

        var instruments = InstrumentsCsv.Read(scenario.Inputs.Instruments).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var positions = PositionsCsv.Read(scenario.Inputs.Positions, instruments);
        var book = BacktestBook.From(positions);
        if (book.Book.Accounts.Count <= 1)
            throw new InputException(new SourceLocation(scenario.Inputs.Positions), "nothing to backtest: no account holds a spot, perpetual or future position (options are left out of backtests)");
        var underlyings = book.Book.HeldInstruments.Where(i => i.IsRisky).Select(i => i.Underlying).Distinct().Order(StringComparer.Ordinal).ToArray();
        var series = underlyings.Select(u =>
        {
            string column = scenario.RiskFactors.TryGetValue(u, out var spec) && spec.Calibrate is { } cal ? cal.Column : u;
            return history.Series(column) ?? throw new InputException(history.HeaderLocation(),
                $"no column '{column}' for underlying '{u}', which the backtest book holds; the history's columns are: date, {string.Join(", ", history.Columns.Select(s => s.Column))}");
        }).ToArray();

        int horizonRows = calendar.HorizonRows(scenario.Simulation.HorizonDays);
        var rows = Enumerable.Range(0, Math.Max(0, history.Dates.Count - horizonRows)).Where(i => history.Dates[i] >= settings.From && history.Dates[i] <= settings.To).ToArray();
        if (rows.Length == 0)
            throw new InputException(new SourceLocation(historyPath),
                $"no backtest date: the history has no row from {IsoTime.FormatDate(settings.From)} to {IsoTime.FormatDate(settings.To)} with a close {horizonRows} row(s) later (it covers {IsoTime.FormatDate(history.Dates[0])} … {IsoTime.FormatDate(history.Dates[^1])})");

        foreach (var s in series)
            if (rows[0] < s.FirstRow)
                throw new InputException(new SourceLocation(historyPath, rows[0] + 2, s.ColumnNumber),
                    $"{s.Column}: no price on {IsoTime.FormatDate(history.Dates[rows[0]])} (the series starts on {IsoTime.FormatDate(history.Dates[s.FirstRow])}); backtest from that date or later");
        // The book is held fixed over the window: a future must outlive its last valuation (as_of = last date + 1 day).
        var lastAsOf = new DateTimeOffset(history.Dates[rows[^1]].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        foreach (var future in book.Book.HeldInstruments.Where(i => i.Kind == StressMargin.Core.Instruments.InstrumentKind.Future && i.ExpiryUtc <= lastAsOf))
            throw new InputException(future.Source,
                $"future '{future.Id}' expires on {future.ExpiryUtc:yyyy-MM-dd}, before the backtest's last valuation ({lastAsOf:yyyy-MM-dd}); the book is held fixed, so use a perpetual or a later future, or end the window earlier");
        var input = new BacktestInput(settings, scenario, history, historyFile, book, underlyings, series, horizonRows, rows, clock.Elapsed.TotalSeconds);
        _ = Day(input, rows[0]); // calibrates and builds the plan of the first date: its input errors surface here
        return input;
    }

    /// <summary>Runs a prepared backtest: one calibration and simulation per date.</summary>
    /// <param name="input">From <see cref="Prepare"/>.</param>
    /// <param name="backend">Compute backend.</param>
    /// <param name="progress">Progress in dates (stage <c>backtest</c>); optional.</param>
    /// <param name="cancellationToken">Cancellation, checked between dates.</param>
    /// <returns>Every observation and the per-account tests.</returns>
    /// <exception cref="InputException">A later date whose estimated correlation is not positive semi-definite (without repair).</exception>
    public static BacktestResult Run(BacktestInput input, IComputeBackend backend, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (settings, scenario, book, rows) = (input.Settings, input.Scenario, input.Book, input.Rows);
        var ids = book.Book.Accounts.Select(a => a.Id).ToArray();
        var observations = new List<BacktestObservation>(rows.Count * ids.Length);
        var ratio = new double[input.Underlyings.Count];
        for (int n = 0; n < rows.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int i = rows[n];
            var date = input.History.Dates[i];
            for (int u = 0; u < input.Underlyings.Count; u++) ratio[u] = input.Series[u].Prices[i + input.HorizonRows] / input.Series[u].Prices[i];
            var (day, plan, calibration) = Day(input, i);
            var risk = backend.Run(plan, null, cancellationToken);
            double multiplier = calibration?.Result.EsBufferMultiplier ?? 1.0;
            for (int a = 0; a < ids.Length; a++)
            {
                double loss = 0;
                for (int p = plan.AccountStart[a]; p < plan.AccountStart[a + 1]; p++)
                {
                    int k = plan.PositionInstrument[p];
                    if (k >= 0) loss -= plan.PositionWeight[p] * (plan.Forward0[k] * (ratio[plan.Underlying[k]] - 1));
                }
                var tail = risk.Accounts[a];
                var margin = MarginPolicy.Apply(ids[a], 0.0, tail, day.Margin with { EsMultiplier = day.Margin.EsMultiplier * multiplier });
                observations.Add(new BacktestObservation(date, a, margin.InitialMargin, tail.ValueAtRisk, tail.ExpectedShortfall, loss, multiplier));
            }
            progress?.Report(new ComputeProgress("backtest", n + 1, rows.Count));
        }

        var summaries = ids.Select((id, a) =>
        {
            var mine = observations.Where(o => o.Account == a).ToArray();
            return new BacktestAccountSummary(id,
                CoverageTests.Summarize(mine.Select(o => o.ImExceeded).ToArray(), 1 - scenario.Margin.EsConfidence),
                CoverageTests.Summarize(mine.Select(o => o.VarExceeded).ToArray(), 1 - scenario.Margin.VarConfidence),
                mine.Average(o => o.InitialMargin), mine.Average(o => o.RealizedLoss), mine.Max(o => o.RealizedLoss - o.InitialMargin));
        }).ToArray();
        return new BacktestResult(settings, scenario.Path, input.HistoryFile, book, ids, input.HorizonRows, observations, summaries, Describe(scenario),
            input.PrepareSeconds + clock.Elapsed.TotalSeconds, OutputDirectory(input));
    }

    /// <summary>Where a backtest writes: <c>--out</c>, else the scenario's output.dir (absolute).</summary>
    /// <param name="input">The prepared backtest.</param>
    /// <returns>The folder.</returns>
    public static string OutputDirectory(BacktestInput input) =>
        input.Settings.OutputDirectory is { } o ? Path.GetFullPath(o) : input.Scenario.OutputDirectory;

    /// <summary>The model and plan of one date: the market is the history's closes on row i (forwards = spot), the
    /// model is calibrated as of the next day 00:00 UTC, i.e. on the closes up to row i.</summary>
    private static (ScenarioFile Day, RevaluationPlan Plan, CalibrationRun? Calibration) Day(BacktestInput input, int i)
    {
        var asOf = new DateTimeOffset(input.History.Dates[i].AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var curves = new Dictionary<string, ForwardCurve>(StringComparer.Ordinal);
        for (int u = 0; u < input.Underlyings.Count; u++) curves[input.Underlyings[u]] = new ForwardCurve(input.Series[u].Prices[i], [], []);
        var market = new MarketSnapshot(asOf, curves, new Dictionary<string, VolSurface>(StringComparer.Ordinal));
        var day = input.Scenario with { AsOf = asOf };
        var (factors, calibration) = CalibrationStage.BuildFactorModel(day, input.Underlyings, market, input.History, input.HistoryFile);
        return (day, RevaluationPlanBuilder.Build(input.Book.Book, market, factors, day.Simulation, day.Margin, calibration?.Result.Fhs), calibration);
    }

    private static string Describe(ScenarioFile s)
    {
        var parts = new List<string> { s.Simulation.Distribution.ToString() };
        if (s.Calibration is { } c)
        {
            parts.Add(CalibrationCsv.EstimatorName(c.Estimator));
            if (c.Apc.StressWeight is { } w) parts.Add(FormattableString.Invariant($"stress weight {w.Weight:0.##} on {IsoTime.FormatDate(w.Start)}…{IsoTime.FormatDate(w.End)}"));
            if (c.Apc.FloorLookbackYears is { } y) parts.Add($"floor {y}y");
            if (c.Apc.BufferRate is { } b) parts.Add(FormattableString.Invariant($"buffer {b:0.##}{(c.Apc.BufferReleaseVolRatio is { } q ? $" (released at {q:0.##}× long-run vol)" : "")}"));
        }
        else parts.Add("fixed vols from the scenario");
        return string.Join(", ", parts);
    }
}
