using StressMargin.Core.Margin.AddOns;

namespace StressMargin.Core.Margin.Explain;

/// <summary>Builds an <see cref="ImBreakdown"/> from an account's margin row and its per-position and per-term parts.</summary>
public static class ImBreakdownBuilder
{
    /// <summary>The breakdown of one account.</summary>
    /// <param name="margin">The account's margin row (<see cref="MarginPolicy.Apply"/>).</param>
    /// <param name="esMultiplier">es_multiplier × the anti-procyclicality buffer, as applied to the ES.</param>
    /// <param name="componentEs">Component ES (USD loss) of each risky position: instrument id and amount, position order.</param>
    /// <param name="stressLosses">Each risky position's weighted loss in the worst weighted scenario (USD, −weight × quantity ×
    /// multiplier × ΔV), position order; ignored unless the stress loss is the largest risk term.</param>
    /// <param name="addOns">The add-ons term by term.</param>
    /// <returns>The breakdown; its terms sum to the IM up to rounding.</returns>
    public static ImBreakdown Build(AccountMargin margin, double esMultiplier, IReadOnlyList<(string InstrumentId, double Amount)> componentEs,
        IReadOnlyList<(string InstrumentId, double Amount)> stressLosses, AddOnTerms addOns)
    {
        double esTerm = margin.ExpectedShortfall * esMultiplier;
        double stress = margin.WorstScenario is null ? double.NegativeInfinity : margin.StressLoss;
        var (risk, term) = MarginPolicy.RiskTerm(esTerm, stress, margin.ShortOptionMinimum);
        var terms = new List<ImTerm>();
        switch (term)
        {
            case ImDriver.Es:
                foreach (var (id, c) in componentEs) terms.Add(new ImTerm(ImTerm.ComponentEs, id, c * esMultiplier));
                break;
            case ImDriver.Stress:
                foreach (var (id, loss) in stressLosses) terms.Add(new ImTerm(ImTerm.Stress, id, loss));
                break;
            default:
                foreach (var t in addOns.ShortOptionMinimum) terms.Add(new ImTerm(ImTerm.ShortOptionMinimum, t.Item, t.AmountUsd));
                break;
        }
        foreach (var t in addOns.Liquidity) terms.Add(new ImTerm(ImTerm.Liquidity, t.Item, t.AmountUsd));
        foreach (var t in addOns.MarketImpact) terms.Add(new ImTerm(ImTerm.MarketImpact, t.Item, t.AmountUsd));
        foreach (var t in addOns.Concentration) terms.Add(new ImTerm(ImTerm.Concentration, t.Item, t.AmountUsd));
        double unfloored = risk + margin.AddOns;
        if (margin.InitialMargin > unfloored) terms.Add(new ImTerm(ImTerm.Floor, null, margin.InitialMargin - unfloored));
        return new ImBreakdown(margin.AccountId, margin.Driver, margin.InitialMargin, term, risk, term == ImDriver.Stress ? margin.WorstScenario : null, terms);
    }
}
