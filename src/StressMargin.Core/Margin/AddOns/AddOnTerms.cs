namespace StressMargin.Core.Margin.AddOns;

/// <summary>One term of an add-on: the position (liquidity) or underlying (concentration, short-option minimum) it is charged on.</summary>
/// <param name="Item">Instrument id (liquidity) or underlying symbol.</param>
/// <param name="AmountUsd">The charge, USD.</param>
public sealed record AddOnTerm(string Item, double AmountUsd);

/// <summary>An account's add-ons term by term; each list sums (in order) to the matching <see cref="AccountAddOns"/> member.</summary>
/// <param name="Liquidity">Per risky position with a quote or a default spread, in position order.</param>
/// <param name="Concentration">Per underlying with a threshold, in first-appearance order.</param>
/// <param name="ShortOptionMinimum">Per underlying with options and a rate.</param>
/// <param name="GrossNotionalUsd">Σ |quantity| × multiplier × S0 over non-cash positions.</param>
public sealed record AddOnTerms(IReadOnlyList<AddOnTerm> Liquidity, IReadOnlyList<AddOnTerm> Concentration, IReadOnlyList<AddOnTerm> ShortOptionMinimum, double GrossNotionalUsd);
