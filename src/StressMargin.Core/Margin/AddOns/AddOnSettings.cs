namespace StressMargin.Core.Margin.AddOns;

/// <summary>
/// The <c>margin.addons</c> block; each add-on is off when null. Per-underlying values are keyed by symbol, with
/// <c>*</c> as the default for underlyings without their own entry.
/// </summary>
/// <param name="Liquidity">Liquidity add-on, or null.</param>
/// <param name="Concentration">Concentration add-on, or null.</param>
/// <param name="ShortOptionMinimum">Short-option minimum, or null.</param>
/// <param name="MarketImpact">Size-dependent market-impact part of the liquidation cost, or null.</param>
public sealed record AddOnSettings(LiquiditySettings? Liquidity = null, ConcentrationSettings? Concentration = null, ShortOptionMinimumSettings? ShortOptionMinimum = null,
    MarketImpactSettings? MarketImpact = null)
{
    /// <summary>No add-ons.</summary>
    public static AddOnSettings None { get; } = new();

    /// <summary>A per-underlying value: the underlying's entry, else <c>*</c>, else null.</summary>
    /// <param name="values">Values by underlying.</param>
    /// <param name="underlying">Symbol.</param>
    /// <returns>The value or null.</returns>
    public static double? Lookup(IReadOnlyDictionary<string, double> values, string underlying) =>
        values.TryGetValue(underlying, out double v) ? v : values.TryGetValue("*", out double all) ? all : null;
}

/// <summary>
/// Liquidity add-on: the cost of closing each position at the bid or ask rather than at the mark,
/// ½ × (ask − bid) × |quantity| × multiplier, from <c>quotes.csv</c> when the instrument has a quote, else from a
/// default spread given as a fraction of the underlying's spot per unit.
/// </summary>
/// <param name="DefaultSpreadFraction">Full bid–ask spread as a fraction of spot, by underlying (<c>*</c> default);
/// an instrument with neither a quote nor a default gets no liquidity charge.</param>
public sealed record LiquiditySettings(IReadOnlyDictionary<string, double> DefaultSpreadFraction);

/// <summary>
/// Concentration add-on: rate × max(0, |net delta notional| − threshold) per underlying, where the net delta notional
/// is Σ quantity × multiplier × Δ × F0(T) (Δ = 1 for spot, perpetuals and futures; Black-76 forward delta for options,
/// F0(T) = spot for spot and perpetuals), in USD.
/// </summary>
/// <param name="ThresholdUsd">Notional above which the charge applies, by underlying (<c>*</c> default).</param>
/// <param name="Rate">Fraction of the excess notional charged.</param>
public sealed record ConcentrationSettings(IReadOnlyDictionary<string, double> ThresholdUsd, double Rate);

/// <summary>
/// Short-option minimum, as in SPAN: a floor on the risk requirement of rate × max(net short calls, net short puts)
/// contracts per underlying, where net short calls = max(0, −Σ quantity of calls) (likewise puts).
/// </summary>
/// <param name="PerContractUsd">Charge per net short contract, by underlying (<c>*</c> default).</param>
public sealed record ShortOptionMinimumSettings(IReadOnlyDictionary<string, double> PerContractUsd);
