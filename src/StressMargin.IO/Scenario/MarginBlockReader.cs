using System.Globalization;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.IO.Plausibility;
using YamlDotNet.RepresentationModel;

namespace StressMargin.IO.Scenario;

/// <summary>
/// Reads the scenario file's <c>margin</c> block: confidence levels, <c>es_multiplier</c>, the list of stress files,
/// add-ons and the maintenance rule (<c>mm_ratio</c> or <c>mm_tiers</c>, not both). Defaults in docs/formats.md.
/// </summary>
internal static class MarginBlockReader
{
    private static readonly string[] MarginKeys = ["es_confidence", "var_confidence", "mm_ratio", "es_multiplier", "stress", "addons", "mm_tiers"];
    private static readonly string[] AddOnKeys = ["liquidity", "market_impact", "concentration", "short_option_minimum"];
    private static readonly string[] MarketImpactKeys = ["y", "oi_turnover", "default_participation"];
    private static readonly string[] LiquidityKeys = ["default_spread"];
    private static readonly string[] ConcentrationKeys = ["threshold_usd", "rate"];
    private static readonly string[] ShortOptionKeys = ["per_contract_usd"];
    private static readonly string[] TierKeys = ["up_to_usd", "rate", "amount_usd"];

    /// <summary>Reads the block (absent: all defaults).</summary>
    /// <param name="root">The scenario file's root mapping.</param>
    /// <param name="folder">The scenario file's folder, for relative stress file paths.</param>
    /// <param name="warnings">Receives warnings on unusual values; null ignores them.</param>
    /// <returns>The settings and the stress files (absolute paths with the position of their entry).</returns>
    /// <exception cref="InputException">Unknown key or bad value, at its position.</exception>
    public static (MarginSettings Settings, IReadOnlyList<(string Path, SourceLocation Source)> StressFiles) Read(YamlMap root, string folder, InputWarnings? warnings = null)
    {
        var m = root.Map("margin", MarginKeys) ?? new YamlMap(root.File, new YamlMappingNode(), "margin", MarginKeys);
        if (m.Has("mm_ratio") && m.Has("mm_tiers"))
            throw new InputException(m.At("mm_tiers"), "margin: give either mm_ratio or mm_tiers, not both");
        var settings = new MarginSettings(
            EsConfidence: ConfidenceLevel(m, "es_confidence", warnings),
            VarConfidence: ConfidenceLevel(m, "var_confidence", warnings),
            MaintenanceRatio: m.Number("mm_ratio", "a ratio in (0, 1] (MM = ratio × IM)", 0.8, v => v > 0 && v <= 1),
            EsMultiplier: m.Number("es_multiplier", "a positive multiplier of ES (e.g. 1.0)", 1.0, v => v > 0),
            AddOns: ReadAddOns(m.Map("addons", AddOnKeys), warnings),
            MaintenanceTiers: ReadTiers(m));

        var stress = new List<(string, SourceLocation)>();
        foreach (var (text, where) in m.Scalars("stress", "a list of stress scenario files, e.g. [stress/deribit-btc-pm.yaml]") ?? [])
            stress.Add((Path.GetFullPath(Path.Combine(folder, text)), where));
        return (settings, stress);
    }

    /// <summary>A confidence level in (0, 1); a percentage such as 99 (50 … 100) is refused with a suggestion (0.99), a level below
    /// <see cref="Bounds.WarnConfidenceLow"/> gets a warning.</summary>
    private static double ConfidenceLevel(YamlMap m, string key, InputWarnings? warnings)
    {
        const string expected = "a confidence level strictly between 0 and 1 (e.g. 0.99)";
        if (m.Has(key) && double.TryParse(m.Scalar(key, expected), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double pct) && pct >= 50 && pct < 100)
            throw new InputException(m.At(key), $"{m.KeyPath(key)} is a probability, not a percentage; {Bounds.Text(pct)} means {Bounds.Percent(pct)}: did you mean {Bounds.Text(pct / 100)}?");
        double level = m.Number(key, expected, 0.99, v => v > 0 && v < 1);
        return m.Bounded(key, level, _ => null,
            v => v < Bounds.WarnConfidenceLow ? $"{Bounds.Text(v)} is below the usual {Bounds.Text(Bounds.WarnConfidenceLow)} … 0.999 (CCPs use 0.975 to 0.995)" : null, warnings);
    }

    private static AddOnSettings ReadAddOns(YamlMap? a, InputWarnings? warnings)
    {
        if (a is null) return AddOnSettings.None;
        LiquiditySettings? liquidity = null;
        if (a.Map("liquidity", LiquidityKeys) is { } l)
        {
            var spreads = l.PerUnderlying("default_spread", "a bid–ask spread as a fraction of spot (e.g. 0.001)", v => v >= 0) ?? new Dictionary<string, double>();
            var map = l.Map("default_spread", null);
            foreach (var (u, v) in spreads)
                map!.Bounded(u, v,
                    x => x >= Bounds.MaxSpreadFraction ? $"is a bid–ask spread as a fraction of spot; {Bounds.Text(x)} means {Bounds.Percent(x)}{Bounds.PercentSuggestion(x, 0, Bounds.WarnSpreadFraction)} (below {Bounds.Text(Bounds.MaxSpreadFraction)})" : null,
                    x => x > Bounds.WarnSpreadFraction ? $"{Bounds.Text(x)} is a spread of {Bounds.Percent(x)} of spot, above the usual at most {Bounds.Percent(Bounds.WarnSpreadFraction)}" : null,
                    warnings);
            liquidity = new LiquiditySettings(spreads);
        }
        ConcentrationSettings? concentration = null;
        if (a.Map("concentration", ConcentrationKeys) is { } c)
            concentration = new ConcentrationSettings(
                c.PerUnderlying("threshold_usd", "a non-negative net delta notional in USD", v => v >= 0)
                    ?? throw new InputException(c.Where, "missing key 'margin.addons.concentration.threshold_usd' (e.g. { \"*\": 10000000 })"),
                c.Number("rate", "a fraction of the excess notional in [0, 1]", valid: v => v >= 0 && v <= 1));
        ShortOptionMinimumSettings? som = null;
        if (a.Map("short_option_minimum", ShortOptionKeys) is { } s)
            som = new ShortOptionMinimumSettings(s.PerUnderlying("per_contract_usd", "a non-negative USD charge per net short contract", v => v >= 0)
                ?? throw new InputException(s.Where, "missing key 'margin.addons.short_option_minimum.per_contract_usd' (e.g. { BTC: 50 })"));
        MarketImpactSettings? impact = null;
        if (a.Map("market_impact", MarketImpactKeys) is { } mi)
        {
            var d = new MarketImpactSettings();
            impact = new MarketImpactSettings(
                mi.Number("y", "a positive prefactor Y of the square-root impact law (of order 1)", d.Y, v => v > 0 && v <= 10),
                mi.Number("oi_turnover", "a fraction in (0, 1] of open interest traded per day", d.OpenInterestTurnover, v => v > 0 && v <= 1),
                mi.Number("default_participation", "a positive participation (net position / daily volume) for buckets without depth", d.DefaultParticipation, v => v > 0 && v <= 100));
        }
        return new AddOnSettings(liquidity, concentration, som, impact);
    }

    private static IReadOnlyList<MaintenanceTier>? ReadTiers(YamlMap m)
    {
        var seq = m.Sequence("mm_tiers", "a list of bands such as { up_to_usd: 50000, rate: 0.004 }");
        if (seq is null) return null;
        if (seq.Children.Count == 0) throw new InputException(m.At("mm_tiers"), "mm_tiers: expected at least one band");
        var bands = seq.Children.Select((c, i) => new YamlMap(m.File, c, $"margin.mm_tiers[{i}]", TierKeys)).ToArray();
        var bounds = new List<double>();
        var rates = new List<double>();
        var amounts = new List<double?>();
        for (int i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            bool last = i == bands.Length - 1;
            if (!last && !b.Has("up_to_usd")) throw new InputException(b.Where, "every band but the last needs up_to_usd (the upper bound of its gross notional, USD)");
            if (last && b.Has("up_to_usd")) throw new InputException(b.At("up_to_usd"), "the last band has no upper bound: leave out up_to_usd");
            double bound = last ? double.PositiveInfinity : b.Number("up_to_usd", "a positive notional in USD", valid: v => v > 0);
            if (bounds.Count > 0 && !(bound > bounds[^1]))
                throw new InputException(b.At("up_to_usd"), FormattableString.Invariant($"up_to_usd must increase from band to band (previous {bounds[^1]})"));
            bounds.Add(bound);
            rates.Add(b.Number("rate", "a maintenance rate in [0, 1] (fraction of notional)", valid: v => v >= 0 && v <= 1));
            amounts.Add(b.Has("amount_usd") ? b.Number("amount_usd", "a maintenance amount in USD", valid: v => v >= 0) : null);
        }
        if (amounts.All(a => a is null)) return MaintenanceTier.Continuous(bounds, rates);
        if (amounts.Any(a => a is null))
            throw new InputException(m.At("mm_tiers"), "give amount_usd for every band or for none (then amounts are chosen so that MM is continuous)");
        return bounds.Select((b, i) => new MaintenanceTier(b, rates[i], amounts[i]!.Value)).ToArray();
    }
}
