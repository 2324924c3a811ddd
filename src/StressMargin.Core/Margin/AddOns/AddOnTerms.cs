namespace StressMargin.Core.Margin.AddOns;

/// <summary>One term of an add-on: the position (liquidity), underlying (concentration, short-option minimum) or netting
/// bucket (market impact) it is charged on.</summary>
/// <param name="Item">Instrument id (liquidity), underlying symbol (concentration, short-option minimum) or the bucket's
/// <see cref="ImpactBucket.Item"/> (market impact).</param>
/// <param name="AmountUsd">The charge, USD.</param>
public sealed record AddOnTerm(string Item, double AmountUsd);

/// <summary>An account's add-ons term by term; each list sums (in order) to the matching <see cref="AccountAddOns"/> member.</summary>
/// <param name="Liquidity">Per risky position with a quote or a default spread, in position order.</param>
/// <param name="Concentration">Per underlying with a threshold, in first-appearance order.</param>
/// <param name="ShortOptionMinimum">Per underlying with options and a rate.</param>
/// <param name="GrossNotionalUsd">Σ |quantity| × multiplier × S0 over non-cash positions.</param>
/// <param name="MarketImpact">Per netting bucket with a non-zero net risk (delta bucket per underlying, then its vega
/// buckets by expiry; <see cref="Core.Margin.AddOns.MarketImpact.Buckets"/>); empty when the add-on is off.</param>
/// <param name="DepthFallbacks">Risky positions without depth data; 0 when the market-impact add-on is off.</param>
public sealed record AddOnTerms(IReadOnlyList<AddOnTerm> Liquidity, IReadOnlyList<AddOnTerm> Concentration, IReadOnlyList<AddOnTerm> ShortOptionMinimum, double GrossNotionalUsd,
    IReadOnlyList<AddOnTerm> MarketImpact, int DepthFallbacks = 0);
