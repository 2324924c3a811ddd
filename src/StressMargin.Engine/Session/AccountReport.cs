using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;

namespace StressMargin.Engine.Session;

/// <summary>One account's margin and what makes it up (<c>GET /accounts/{id}</c>).</summary>
/// <param name="Margin">The margin.csv row.</param>
/// <param name="AddOns">Liquidity, concentration, short-option minimum, gross notional.</param>
/// <param name="EsTerm">ES × es_multiplier × buffer: the ES term of IM.</param>
/// <param name="Positions">Each position's value and component ES (attribution.csv's rows of the account).</param>
/// <param name="WorstScenarios">The five stress scenarios with the largest weighted loss for the account.</param>
/// <param name="Explanation">The same in one paragraph of words.</param>
public sealed record AccountReport(AccountMargin Margin, AccountAddOns AddOns, double EsTerm, IReadOnlyList<PositionAttribution> Positions,
    IReadOnlyList<ScenarioLoss> WorstScenarios, string Explanation);

/// <summary>An account's P&amp;L under one stress scenario.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Pnl">P&amp;L, USD (negative = loss).</param>
/// <param name="Weight">The scenario's weight.</param>
/// <param name="WeightedLoss">weight × (−P&amp;L), what enters IM.</param>
public sealed record ScenarioLoss(string Scenario, double Pnl, double Weight, double WeightedLoss);

/// <summary>An account whose margin status changed in an update.</summary>
/// <param name="Before">Its margin before (null for an account the update added).</param>
/// <param name="After">Its margin after (null for an account the update removed).</param>
public sealed record StatusChange(AccountMargin? Before, AccountMargin? After)
{
    /// <summary>The account id.</summary>
    public string AccountId => (After ?? Before)!.AccountId;
}
