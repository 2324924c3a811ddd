using StressMargin.Core;
using StressMargin.Core.RiskModel;
using StressMargin.IO.Plausibility;

namespace StressMargin.IO.Scenario;

/// <summary>Reads <c>risk_factors.U.funding: { rate_8h: 0.0001 }</c>: the funding rate per 8 hours that U's perpetuals
/// pay over the horizon on every simulated path (docs/formats.md §5.2, docs/model.md §3.4).</summary>
internal static class FundingReader
{
    private static readonly string[] Keys = ["rate_8h"];

    /// <summary>The entry's funding block, or null when it has none.</summary>
    /// <param name="entry">The risk_factors entry of the underlying.</param>
    /// <param name="warnings">Receives the warning on a rate above <see cref="Bounds.WarnModelFunding8h"/>; null ignores it.</param>
    /// <returns>The spec, or null.</returns>
    /// <exception cref="InputException">Not a mapping, an unknown key, a missing or non-numeric <c>rate_8h</c>, or
    /// |rate_8h| above <see cref="Bounds.MaxModelFunding8h"/>; each at the offending key or value.</exception>
    public static FundingSpec? Read(YamlMap entry, InputWarnings? warnings)
    {
        if (entry.Map("funding", Keys) is not { } f) return null;
        double rate = f.Bounded("rate_8h", f.Number("rate_8h", "a perpetual funding rate per 8 hours (decimal, 0.0001 = 0.01 %; positive: longs pay)"),
            RateError, RateWarning, warnings);
        return new FundingSpec(rate, f.Where);
    }

    private static string? RateError(double r) => Math.Abs(r) > Bounds.MaxModelFunding8h
        ? $"is a funding rate per 8 hours; {Bounds.Text(r)} means {Bounds.Percent(r)} every 8 hours{Suggestion(r)} (|rate| at most {Bounds.Text(Bounds.MaxModelFunding8h)}, i.e. {Bounds.Percent(Bounds.MaxModelFunding8h)})"
        : null;

    /// <summary>": did you mean 0.005?" when the rate read as a percentage (0.5 for 0.5 %) is within the bound, sign kept.</summary>
    private static string Suggestion(double r) => Math.Abs(r) / 100 is >= 1e-6 and <= Bounds.MaxModelFunding8h ? $": did you mean {Bounds.Text(r / 100)}?" : "";

    private static string? RateWarning(double r) => Math.Abs(r) > Bounds.WarnModelFunding8h
        ? $"{Bounds.Text(r)} is {Bounds.Percent(r)} every 8 hours, a stress level (the usual rate is within ±{Bounds.Percent(Bounds.WarnModelFunding8h)}), paid on every path"
        : null;
}
