namespace StressMargin.Core.Margin.Explain;

/// <summary>
/// An account's initial margin broken down by what drives it (docs/model.md §9.7): the risk term that is the largest —
/// the ES term as component ES per position, the worst weighted stress loss as each position's weighted loss in that
/// scenario, or the short-option minimum per underlying — then the liquidity add-on per position, the market-impact
/// add-on per netting bucket, the concentration add-on per underlying, and the floor at 0 when it binds. The terms sum to <see cref="InitialMargin"/> up to rounding.
/// </summary>
/// <param name="AccountId">Account id.</param>
/// <param name="Driver">The margin.csv IM driver.</param>
/// <param name="InitialMargin">IM, USD.</param>
/// <param name="RiskTerm">Which risk term is the largest (<see cref="ImDriver.Es"/>, <see cref="ImDriver.Stress"/> or
/// <see cref="ImDriver.ShortOptionMinimum"/>); it is the driver unless every risk term is ≤ 0.</param>
/// <param name="RiskTermUsd">Its value, USD.</param>
/// <param name="Scenario">The worst weighted stress scenario when <paramref name="RiskTerm"/> is stress; else null.</param>
/// <param name="Terms">The terms, risk term first, in the order of <see cref="ImTerm.Kinds"/>.</param>
public sealed record ImBreakdown(string AccountId, ImDriver Driver, double InitialMargin, ImDriver RiskTerm, double RiskTermUsd, string? Scenario, IReadOnlyList<ImTerm> Terms)
{
    /// <summary>Σ of the terms in order, USD.</summary>
    public double SumOfTerms
    {
        get
        {
            double sum = 0;
            foreach (var t in Terms) sum += t.AmountUsd;
            return sum;
        }
    }
}
