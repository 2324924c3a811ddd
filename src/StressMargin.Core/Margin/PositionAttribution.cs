namespace StressMargin.Core.Margin;

/// <summary>One row of <c>attribution.csv</c>: a position's value and its share of its account's ES (USD).</summary>
/// <param name="AccountId">Account.</param>
/// <param name="InstrumentId">Instrument.</param>
/// <param name="Quantity">Signed contracts.</param>
/// <param name="Value">quantity × multiplier × V0.</param>
/// <param name="ComponentEs">Component ES; the account's components sum to its ES.</param>
public sealed record PositionAttribution(string AccountId, string InstrumentId, double Quantity, double Value, double ComponentEs);
