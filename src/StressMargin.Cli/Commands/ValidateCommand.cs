using Spectre.Console;
using StressMargin.Engine;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin validate SCENARIO.yaml</c>: reads and checks every input without simulating.</summary>
internal static class ValidateCommand
{
    /// <summary>Validates the scenario.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <returns>Exit code (an input error propagates as an exception).</returns>
    public static int Execute(CommandContext ctx, string scenario)
    {
        var input = ScenarioLoader.Load(scenario);
        InputWarningLines.Write(ctx.Log, input.Warnings);
        ctx.Out.WriteLine($"{Path.GetFileName(input.Scenario.Path)}: valid{(input.Warnings.Count == 0 ? "" : $" ({input.Warnings.Count} warning line{(input.Warnings.Count == 1 ? "" : "s")} on standard error)")}");
        ctx.Out.WriteLine($"  {input.Instruments.Count:N0} instruments ({input.Plan.InstrumentCount:N0} held with market risk), {input.Book.Accounts.Count:N0} accounts, {input.Book.Positions.Count:N0} positions");
        ctx.Out.WriteLine($"  underlyings: {string.Join(", ", input.Factors.Underlyings.Select((u, i) => FormattableString.Invariant($"{u} (spot vol {input.Factors.SpotVolsAnnualized[i]:P1}, vol of vol {input.Factors.VolOfVolsAnnualized[i]:P0})")))}");
        ctx.Out.WriteLine(FormattableString.Invariant($"  correlation: smallest eigenvalue {input.Factors.SmallestEigenvalue:G4}, {(input.Factors.LoadingIsCholesky ? "Cholesky factor" : "eigen factor V·√Λ (singular matrix)")}"));
        if (input.Calibration is { } c) // one line on what was calibrated (details: stressmargin calibrate)
            ctx.Out.WriteLine(FormattableString.Invariant($"  calibrated from {Path.GetFileName(c.History.Path)} to {c.Result.DataEnd:yyyy-MM-dd}: {c.Result.Factors.Count} factors, ES buffer ×{c.Result.EsBufferMultiplier:0.###}{(c.Repair is null ? "" : ", correlation repaired (nearest)")}"));
        if (input.StressScenarios.Count > 0)
            ctx.Out.WriteLine($"  stress: {input.StressScenarios.Count} scenarios from {input.Scenario.StressFiles.Count} file(s)");
        ctx.Out.WriteLine($"  margin: {Describe(input)}");
        foreach (var f in input.Files) ctx.Out.WriteLine($"  {f.Role,-12} {f.Path} ({f.Bytes:N0} bytes, sha256 {f.Sha256[..12]}…)");
        return ExitCodes.Success;
    }

    /// <summary>The margin formula in words, e.g. "IM = max(ES × 1, worst stress) + liquidity; MM = 0.8 × IM".</summary>
    private static string Describe(LoadedScenario input)
    {
        var m = input.Scenario.Margin;
        var risk = new List<string> { FormattableString.Invariant($"ES × {m.EsMultiplier}") };
        if (input.StressScenarios.Count > 0) risk.Add("worst stress");
        if (m.AddOns?.ShortOptionMinimum is not null) risk.Add("short-option minimum");
        var additive = new List<string>();
        if (m.AddOns?.Liquidity is not null) additive.Add("liquidity");
        if (m.AddOns?.MarketImpact is not null) additive.Add("market impact");
        if (m.AddOns?.Concentration is not null) additive.Add("concentration");
        string im = $"IM = max({string.Join(", ", risk)}){string.Concat(additive.Select(a => " + " + a))}";
        string mm = m.MaintenanceTiers is null ? FormattableString.Invariant($"MM = {m.MaintenanceRatio} × IM") : $"MM tiered ({m.MaintenanceTiers.Count} bands)";
        return $"{im}; {mm}";
    }
}
