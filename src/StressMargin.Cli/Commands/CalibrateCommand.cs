using System.Globalization;
using Spectre.Console;
using StressMargin.Core;
using StressMargin.Core.Calibration;
using StressMargin.Engine;
using StressMargin.Engine.Calibration;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin calibrate SCENARIO.yaml [--out DIR]</c>: loads and validates the scenario like <c>run</c>,
/// calibrates the risk model from its price history, prints the calibration and writes <c>calibration.csv</c> and
/// <c>calibration.json</c> — without simulating.
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>Calibrates, prints and writes.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="outDir">Output folder overriding output.dir, or null.</param>
    /// <param name="report">Write calibration-report.html (off with <c>--no-report</c>).</param>
    /// <returns>Exit code.</returns>
    /// <exception cref="InputException">Bad input, or a scenario without a calibration block.</exception>
    public static int Execute(CommandContext ctx, string scenario, string? outDir, bool report = true)
    {
        var input = ScenarioLoader.Load(scenario, new RunOverrides(OutputDirectory: outDir));
        var calibration = input.Calibration
            ?? throw new InputException(new SourceLocation(scenario), "the scenario has no calibration block: nothing to calibrate (add calibration: { history: FILE } and calibrate: to risk_factors entries)");
        InputWarningLines.Write(ctx.Log, input.Warnings);
        Print(ctx.Out, input, calibration);
        foreach (var p in CalibrationOutputs.Write(input, report ? path => Report.CalibrationReport.Write(path, input) : null)) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }

    /// <summary>Prints a calibration: the history, each factor's vols, the correlation used, the buffer, the repair.</summary>
    /// <param name="console">Where to print.</param>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="calibration">Its calibration.</param>
    public static void Print(IAnsiConsole console, LoadedScenario input, CalibrationRun calibration)
    {
        var r = calibration.Result;
        var s = calibration.Settings;
        console.WriteLine($"history {calibration.History.Path} ({s.Calendar.Name()}, sha256 {calibration.History.Sha256[..12]}…), data to {r.DataEnd:yyyy-MM-dd} (as_of {input.Scenario.AsOf:yyyy-MM-dd HH:mm}Z)");
        var factors = new Table().Title("Calibrated vols (annualized)").Border(TableBorder.Simple);
        foreach (var c in new[] { "factor", "source", "estimator", "obs", "model", "stress", "floor", "used", "binding" })
            factors.AddColumn(c is "factor" or "source" or "estimator" or "binding" ? new TableColumn(c).NoWrap() : new TableColumn(c).RightAligned().NoWrap());
        var byFactor = r.Factors.ToDictionary(f => f.Factor.ToString(), StringComparer.Ordinal);
        for (int f = 0; f < input.Factors.FactorCount; f++)
        {
            string name = input.Factors.FactorAt(f).ToString();
            string used = Pct(input.Factors.FactorVolAnnualized(f));
            if (byFactor.TryGetValue(name, out var c))
                factors.AddRow(name, $"history {Markup.Escape(c.Column)}", CalibrationCsv.EstimatorName(c.Estimator), c.Observations.ToString("N0", CultureInfo.InvariantCulture),
                    Pct(c.ModelVol), c.StressVol is { } sv ? Pct(sv) : "", c.FloorVol is { } fv ? Pct(fv) : "", used, CalibrationCsv.BindingName(c.Binding));
            else
                factors.AddRow(name, "scenario", "", "", "", "", "", used, "");
        }
        console.Write(factors);

        var corr = new Table().Title("Correlation used").Border(TableBorder.Simple);
        corr.AddColumn("");
        for (int f = 0; f < input.Factors.FactorCount; f++) corr.AddColumn(new TableColumn(input.Factors.FactorAt(f).ToString()).RightAligned().NoWrap());
        for (int i = 0; i < input.Factors.FactorCount; i++)
            corr.AddRow([input.Factors.FactorAt(i).ToString(), .. Enumerable.Range(0, input.Factors.FactorCount).Select(j => input.Factors.Correlation[i, j].ToString("0.000", CultureInfo.InvariantCulture))]);
        console.Write(corr);

        string buffer = s.Apc.BufferRate is not { } b ? "none"
            : FormattableString.Invariant($"{b:P0}, ES multiplier {r.EsBufferMultiplier:0.###}{(r.LongRunVolRatio is { } q ? $" (model/long-run vol {q:0.00}, release at {s.Apc.BufferReleaseVolRatio:0.00}: {(r.BufferReleased ? "released" : "kept")})" : "")}");
        console.WriteLine($"APC buffer: {buffer}");
        console.WriteLine(calibration.Repair is { } rep
            ? FormattableString.Invariant($"correlation repaired (nearest, Higham 2002): smallest eigenvalue {rep.SmallestEigenvalueBefore:G4} → {rep.SmallestEigenvalueAfter:G4}, Frobenius distance {rep.FrobeniusDistance:G4}, largest change {rep.MaxAbsChange:G4}")
            : FormattableString.Invariant($"correlation: {(r.Correlation is null ? "from the scenario file" : "estimated")}, smallest eigenvalue {calibration.SmallestEigenvalue:G4}"));
        if (r.Fhs is { } fhs)
            console.WriteLine($"FHS sample: {fhs.Dates.Count:N0} dates {fhs.Dates[0]:yyyy-MM-dd} … {fhs.Dates[^1]:yyyy-MM-dd}, {fhs.HorizonRows} day(s) per path ({(input.Scenario.Simulation.Distribution.Days == Core.RiskModel.FhsDays.Consecutive ? "consecutive" : "independent")})");
    }

    private static string Pct(double v) => v.ToString("0.00%", CultureInfo.InvariantCulture);
}
