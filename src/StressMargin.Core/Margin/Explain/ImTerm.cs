namespace StressMargin.Core.Margin.Explain;

/// <summary>
/// One term of an account's IM breakdown (USD). <see cref="Term"/> is spelled as in <c>explain.csv</c>:
/// <c>component_es</c> (a position's component ES × es_multiplier × buffer), <c>stress</c> (a position's weighted loss
/// in the worst weighted stress scenario), <c>short_option_minimum</c> (per underlying), <c>liquidity</c> (per
/// position), <c>market_impact</c> (per netting bucket: the delta bucket of an underlying, the vega bucket of an
/// underlying and option expiry), <c>concentration</c> (per underlying), <c>floor</c> (what the floor IM ≥ 0 adds).
/// </summary>
/// <param name="Term">The term's kind (see above).</param>
/// <param name="Item">The instrument id (component_es, stress, liquidity), the underlying (short_option_minimum,
/// concentration), the bucket (market_impact: <c>BTC delta</c>, <c>BTC vega 2026-03-27T08:00:00Z</c>), or null (floor).</param>
/// <param name="AmountUsd">Its contribution to IM, USD (a hedge contributes negatively).</param>
public sealed record ImTerm(string Term, string? Item, double AmountUsd)
{
    /// <summary><c>component_es</c>.</summary>
    public const string ComponentEs = "component_es";
    /// <summary><c>stress</c>.</summary>
    public const string Stress = "stress";
    /// <summary><c>short_option_minimum</c>.</summary>
    public const string ShortOptionMinimum = "short_option_minimum";
    /// <summary><c>liquidity</c>.</summary>
    public const string Liquidity = "liquidity";
    /// <summary><c>market_impact</c>.</summary>
    public const string MarketImpact = "market_impact";
    /// <summary><c>concentration</c>.</summary>
    public const string Concentration = "concentration";
    /// <summary><c>floor</c>.</summary>
    public const string Floor = "floor";

    /// <summary>Every term kind, in the order a breakdown lists them.</summary>
    public static readonly string[] Kinds = [ComponentEs, Stress, ShortOptionMinimum, Liquidity, MarketImpact, Concentration, Floor];
}
