namespace StressMargin.Core.Margin.AddOns;

/// <summary>One netting bucket of an account: its net risk, the market's daily traded risk and its impact cost.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="Expiry">Option expiry of a vega bucket; null for the underlying's delta bucket.</param>
/// <param name="NetRisk">R: net delta notional (USD) for a delta bucket, net vega (USD per 1.00 of implied vol) for a vega bucket.</param>
/// <param name="DailyLiquidity">L: the market's daily traded |risk| in the bucket, same unit as R per day; 0 without depth.</param>
/// <param name="DailyVol">σ_daily: daily vol of spot (decimal) for a delta bucket, of implied vol (absolute, decimal) for a vega bucket.</param>
/// <param name="CostUsd">Y·σ_daily·|R|·√(|R|/L), or Y·σ_daily·|R|·√p_default when L = 0; USD.</param>
public sealed record ImpactBucket(string Underlying, DateTimeOffset? Expiry, double NetRisk, double DailyLiquidity, double DailyVol, double CostUsd)
{
    /// <summary>Whether the bucket had no depth data and was priced at the default participation.</summary>
    public bool UsesDefault => DailyLiquidity <= 0;

    /// <summary>The bucket as explain.csv names it: <c>BTC delta</c>, or <c>BTC vega 2026-03-27T08:00:00Z</c> (the expiry, UTC).</summary>
    public string Item => Expiry is { } t
        ? $"{Underlying} vega {t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}"
        : $"{Underlying} delta";
}

/// <summary>An account's market-impact cost.</summary>
/// <param name="CostUsd">Σ over buckets, USD.</param>
/// <param name="FallbackPositions">Risky positions whose instrument has no usable depth (no depth.csv row, or neither
/// volume nor open interest): their risk is netted in their bucket and priced at the bucket's market depth, or at the
/// default participation when the bucket has none.</param>
/// <param name="Buckets">The buckets with a non-zero net risk, delta bucket first per underlying (ordinal), then vega buckets by expiry.</param>
public sealed record MarketImpact(double CostUsd, int FallbackPositions, IReadOnlyList<ImpactBucket> Buckets);
