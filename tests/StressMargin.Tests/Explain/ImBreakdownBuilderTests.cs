using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Margin.Explain;
using StressMargin.Core.Risk;

namespace StressMargin.Tests.Explain;

/// <summary>The breakdown of each driver on margins from <see cref="MarginPolicy.Apply"/> with chosen terms.</summary>
public class ImBreakdownBuilderTests
{
    private static readonly MarginSettings Settings = new(EsMultiplier: 1.5);

    private static AccountMargin Margin(double es, double? stress, double som, double liquidity, double concentration, double impact = 0) =>
        MarginPolicy.Apply("A", 0, new TailEstimate(es, es, double.NaN, 10, []), Settings, stress is { } s ? (s, "crash") : (double.NaN, null),
            new AccountAddOns(liquidity, concentration, som, 0, impact));

    /// <summary>Liquidity split 1:3 over two positions; market impact (when positive) split 5:3 over a delta and a vega bucket.</summary>
    private static AddOnTerms AddOns(double liquidity, double concentration, double som, double impact = 0) =>
        new([new AddOnTerm("X-PERP", liquidity * 0.25), new AddOnTerm("X-C", liquidity * 0.75)], [new AddOnTerm("X", concentration)], [new AddOnTerm("X", som)], 0,
            impact > 0 ? [new AddOnTerm("X delta", impact * 0.625), new AddOnTerm("X vega 2026-03-27T08:00:00Z", impact * 0.375)] : []);

    [Fact]
    public void EsDrivenIsComponentEsTimesTheMultiplierThenTheAddOns()
    {
        var m = Margin(es: 100, stress: 120, som: 10, liquidity: 4, concentration: 2);
        var b = ImBreakdownBuilder.Build(m, 1.5, [("X-PERP", 130), ("X-C", -30)], [("X-PERP", 999), ("X-C", 1)], AddOns(4, 2, 10));
        Assert.Equal(ImDriver.Es, b.Driver);
        Assert.Equal(156, m.InitialMargin);
        Assert.Equal([("component_es", "X-PERP", 195.0), ("component_es", "X-C", -45.0), ("liquidity", "X-PERP", 1.0), ("liquidity", "X-C", 3.0), ("concentration", "X", 2.0)],
            b.Terms.Select(t => (t.Term, t.Item, t.AmountUsd)));
        Assert.Equal(m.InitialMargin, b.SumOfTerms);
    }

    [Fact]
    public void StressDrivenIsThePositionsLossesInTheWorstScenario()
    {
        var m = Margin(es: 50, stress: 120, som: 10, liquidity: 4, concentration: 0);
        var b = ImBreakdownBuilder.Build(m, 1.5, [("X-PERP", 60), ("X-C", -10)], [("X-PERP", 150), ("X-C", -30)], AddOns(4, 0, 10));
        Assert.Equal((ImDriver.Stress, ImDriver.Stress, "crash"), (b.Driver, b.RiskTerm, b.Scenario));
        Assert.Equal(["stress", "stress", "liquidity", "liquidity", "concentration"], b.Terms.Select(t => t.Term));
        Assert.Equal(124, b.SumOfTerms);
        Assert.Equal(m.InitialMargin, b.SumOfTerms);
    }

    [Fact]
    public void ShortOptionMinimumDrivenIsThePerUnderlyingMinimum()
    {
        var m = Margin(es: 5, stress: 8, som: 30, liquidity: 2, concentration: 0);
        var b = ImBreakdownBuilder.Build(m, 1.5, [("X-PERP", 5), ("X-C", 0)], [("X-PERP", 8), ("X-C", 0)], AddOns(2, 0, 30));
        Assert.Equal(ImDriver.ShortOptionMinimum, b.Driver);
        Assert.Equal(("short_option_minimum", "X", 30.0), (b.Terms[0].Term, b.Terms[0].Item, b.Terms[0].AmountUsd));
        Assert.Equal(32, b.SumOfTerms);
    }

    [Fact]
    public void ANegativeRiskTermKeepsItsSignAndTheFloorMakesUpTheRest()
    {
        // A hedged book that gains in every scenario: the risk terms are negative; with small add-ons IM is floored at 0.
        var m = Margin(es: -20, stress: -35, som: 0, liquidity: 3, concentration: 0);
        var b = ImBreakdownBuilder.Build(m, 1.5, [("X-PERP", -26), ("X-C", 6)], [("X-PERP", -30), ("X-C", 5)], AddOns(3, 0, 0));
        Assert.Equal((ImDriver.None, 0.0), (b.Driver, b.InitialMargin));
        Assert.Equal(["component_es", "component_es", "liquidity", "liquidity", "concentration", "floor"], b.Terms.Select(t => t.Term));
        Assert.Equal(27.0, b.Terms[^1].AmountUsd);
        Assert.Equal(0.0, b.SumOfTerms);

        // Larger add-ons: IM is the add-ons net of the (negative) ES term, driver addons, no floor.
        var m2 = Margin(es: -2, stress: -25, som: 0, liquidity: 10, concentration: 0);
        var b2 = ImBreakdownBuilder.Build(m2, 1.5, [("X-PERP", -2), ("X-C", 0)], [("X-PERP", -25), ("X-C", 0)], AddOns(10, 0, 0));
        Assert.Equal(ImDriver.AddOns, b2.Driver);
        Assert.DoesNotContain(b2.Terms, t => t.Term == "floor");
        Assert.Equal(7.0, b2.SumOfTerms);
        Assert.Equal(m2.InitialMargin, b2.SumOfTerms);
    }

    [Fact]
    public void MarketImpactIsListedPerBucketBetweenLiquidityAndConcentration()
    {
        // IM = 1.5 × 100 + 4 (liquidity) + 8 (market impact) + 2 (concentration) = 164.
        var m = Margin(es: 100, stress: 120, som: 10, liquidity: 4, concentration: 2, impact: 8);
        var b = ImBreakdownBuilder.Build(m, 1.5, [("X-PERP", 130), ("X-C", -30)], [("X-PERP", 999), ("X-C", 1)], AddOns(4, 2, 10, 8));
        Assert.Equal(164, m.InitialMargin);
        Assert.Equal([("component_es", "X-PERP", 195.0), ("component_es", "X-C", -45.0), ("liquidity", "X-PERP", 1.0), ("liquidity", "X-C", 3.0),
            ("market_impact", "X delta", 5.0), ("market_impact", "X vega 2026-03-27T08:00:00Z", 3.0), ("concentration", "X", 2.0)],
            b.Terms.Select(t => (t.Term, t.Item, t.AmountUsd)));
        Assert.Equal(m.InitialMargin, b.SumOfTerms);

        // The add-ons without the ES term: a hedged book whose market impact alone makes IM (driver addons, no floor).
        var h = Margin(es: -4, stress: -10, som: 0, liquidity: 1, concentration: 0, impact: 16);
        var hb = ImBreakdownBuilder.Build(h, 1.5, [("X-PERP", -5), ("X-C", 1)], [("X-PERP", -10), ("X-C", 0)], AddOns(1, 0, 0, 16));
        Assert.Equal((ImDriver.AddOns, 11.0), (hb.Driver, hb.InitialMargin));
        Assert.DoesNotContain(hb.Terms, t => t.Term == "floor");
        Assert.Equal(h.InitialMargin, hb.SumOfTerms);
    }
}
