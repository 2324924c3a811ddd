namespace StressMargin.Core.RiskModel;

/// <summary>The scenario's <c>risk_factors.U.funding</c> block: the funding rate of U's perpetuals over the horizon
/// (<see cref="Instruments.PerpetualFunding"/>, docs/model.md §3.4).</summary>
/// <param name="Rate8h">Funding rate per 8 hours (decimal, 0.0001 = 0.01 %; positive: longs pay shorts).</param>
/// <param name="Source">Where it was defined, for error messages.</param>
public sealed record FundingSpec(double Rate8h, SourceLocation? Source = null);
