using StressMargin.Core.Instruments;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using NormalDist = MathNet.Numerics.Distributions.Normal;

namespace StressMargin.Tests.Margin;

/// <summary>The square-root market-impact add-on on a hand-made market: spot 100, a flat forward curve (F = 100), a
/// flat 50 % smile at T = 0.2 years, σ_spot = 73 %, ν = 1; costs recomputed here from the formula of docs/model.md §9.2.1
/// with an independent Black-76 delta and vega (MathNet's normal distribution).</summary>
public class MarketImpactTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 2, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = AsOf.AddDays(73); // T = 73 / 365 = 0.2
    private const double T = 0.2, F = 100, S = 100, Vol = 0.5, SpotVol = 0.73, VolOfVol = 1.0;
    private static readonly double DailySpot = SpotVol / Math.Sqrt(365), DailyVega = VolOfVol * Vol / Math.Sqrt(365);

    private static readonly Instrument Perp = new("X-PERP", InstrumentKind.Perpetual, "X", null, null, null, 1);
    private static readonly Instrument Future = new("X-FUT", InstrumentKind.Future, "X", Expiry, null, null, 1);
    private static readonly Instrument Call = new("X-C100", InstrumentKind.Option, "X", Expiry, 100, OptionRight.Call, 1);
    private static readonly Instrument Put = new("X-P100", InstrumentKind.Option, "X", Expiry, 100, OptionRight.Put, 1);
    private static readonly Instrument Coin = new("X", InstrumentKind.Spot, "X", null, null, null, 1);

    private static MarketSnapshot Market()
    {
        var curve = new ForwardCurve(S, [T], [F]);
        var surface = new VolSurface("X", curve, [new VolSmile(T, F, [80, 100, 120], [Vol, Vol, Vol])]);
        return new MarketSnapshot(AsOf, new Dictionary<string, ForwardCurve> { ["X"] = curve }, new Dictionary<string, VolSurface> { ["X"] = surface });
    }

    // Perp: 1,000 a day; call: 200 a day; put: no volume, open interest 400 → 0.15 × 400 = 60 a day; future and coin: no depth.
    private static readonly Dictionary<string, InstrumentDepth> Depth = new()
    {
        ["X-PERP"] = new(null, 1000),
        ["X-C100"] = new(500, 200),
        ["X-P100"] = new(400, 0),
    };

    private static MarketImpactCalculator Calculator(IReadOnlyDictionary<string, InstrumentDepth>? depth = null, MarketImpactSettings? settings = null) =>
        new(Market(), settings ?? new MarketImpactSettings(), depth ?? Depth, [Perp, Future, Call, Put, Coin],
            new Dictionary<string, double> { ["X"] = SpotVol }, new Dictionary<string, double> { ["X"] = VolOfVol }, 0.0);

    private static double D1 => 0.5 * Vol * Math.Sqrt(T); // ln(F/K) = 0
    private static double CallDelta => NormalDist.CDF(0, 1, D1);
    private static double PutDelta => CallDelta - 1;
    private static double VegaPerUnit => F * NormalDist.PDF(0, 1, D1) * Math.Sqrt(T);
    private static double DeltaLiquidity => 1000 * S + 200 * CallDelta * F + 60 * Math.Abs(PutDelta) * F;
    private static double VegaLiquidity => (200 + 60) * VegaPerUnit;
    private static double SquareRoot(double y, double dailyVol, double risk, double liquidity) => y * dailyVol * Math.Abs(risk) * Math.Sqrt(Math.Abs(risk) / liquidity);

    private static MarketImpact Cost(MarketImpactCalculator c, params (Instrument Instrument, double Quantity)[] positions) =>
        c.Compute(positions.Select(p => new Position("A", p.Instrument, p.Quantity)).ToArray());

    [Fact]
    public void MarketLiquidityOfABucketIsTheDailyTradedRisk()
    {
        var c = Calculator();
        Assert.Equal(DeltaLiquidity, c.DeltaLiquidity("X"), 9);
        Assert.Equal(VegaLiquidity, c.VegaLiquidity("X", Expiry), 9);
    }

    [Fact]
    public void LinearPositionCostMatchesTheSquareRootFormula()
    {
        var m = Cost(Calculator(), (Perp, 50));
        Assert.Equal(SquareRoot(1.0, DailySpot, 50 * S, DeltaLiquidity), m.CostUsd, 9);
        Assert.Equal(0, m.FallbackPositions);
        var y2 = Cost(Calculator(settings: new MarketImpactSettings(Y: 0.5)), (Perp, 50));
        Assert.Equal(0.5 * m.CostUsd, y2.CostUsd, 9); // linear in Y
    }

    [Fact]
    public void OptionBookCostIsTheDeltaBucketPlusTheVegaBucket()
    {
        var m = Cost(Calculator(), (Call, -10), (Put, 4));
        double delta = (-10 * CallDelta + 4 * PutDelta) * F;
        double vega = (-10 + 4) * VegaPerUnit;
        Assert.Equal(SquareRoot(1.0, DailySpot, delta, DeltaLiquidity) + SquareRoot(1.0, DailyVega, vega, VegaLiquidity), m.CostUsd, 8);
        Assert.Equal(2, m.Buckets.Count);
        Assert.Equal(vega, m.Buckets[1].NetRisk, 9);
        Assert.Equal(Expiry, m.Buckets[1].Expiry);
    }

    [Fact]
    public void DoublingEveryPositionRaisesTheImpactByTwoToThePowerOneAndAHalf()
    {
        var c = Calculator();
        double single = Cost(c, (Perp, 7)).CostUsd, doubled = Cost(c, (Perp, 14)).CostUsd;
        Assert.Equal(Math.Pow(2, 1.5), doubled / single, 12);
        double book = Cost(c, (Call, -10), (Put, 4), (Future, 3)).CostUsd, book2 = Cost(c, (Call, -20), (Put, 8), (Future, 6)).CostUsd;
        Assert.Equal(Math.Pow(2, 1.5), book2 / book, 12);
        Assert.True(doubled > 2 * single, "the impact must grow faster than linearly in size");
    }

    [Fact]
    public void OffsettingRiskNetsWithinABucket()
    {
        var c = Calculator();
        // Long perpetual against the same amount of the future: F = S, so the delta bucket nets to zero.
        double perp = Cost(c, (Perp, 30)).CostUsd, future = Cost(c, (Future, -30)).CostUsd;
        Assert.True(perp > 0 && future > 0);
        Assert.Equal(0.0, Cost(c, (Perp, 30), (Future, -30)).CostUsd, 9);
        // A call hedged by a partial perpetual: only the residual delta is charged.
        double residual = (-10 * CallDelta + 3) * F;
        var hedged = Cost(c, (Call, -10), (Perp, 3));
        Assert.Equal(SquareRoot(1.0, DailySpot, residual, DeltaLiquidity) + SquareRoot(1.0, DailyVega, -10 * VegaPerUnit, VegaLiquidity), hedged.CostUsd, 8);
        Assert.True(hedged.CostUsd < Cost(c, (Call, -10)).CostUsd + Cost(c, (Perp, 3)).CostUsd);
        // Long and short the same vega at the same expiry: the vega bucket nets to zero, the deltas add (both positive).
        var straddleSpread = Cost(c, (Call, 5), (Put, -5));
        Assert.Single(straddleSpread.Buckets);
        Assert.Equal(SquareRoot(1.0, DailySpot, 5 * (CallDelta - PutDelta) * F, DeltaLiquidity), straddleSpread.CostUsd, 8);
    }

    [Fact]
    public void PositionsWithoutDepthAreFlaggedAndEmptyBucketsUseTheDefaultParticipation()
    {
        // The future has no depth row: flagged, its delta priced at the bucket's market depth.
        var withBucketDepth = Cost(Calculator(), (Future, 20), (Coin, 1), (Call, 1));
        Assert.Equal(2, withBucketDepth.FallbackPositions);
        Assert.False(withBucketDepth.Buckets[0].UsesDefault);
        // No depth at all: both buckets fall back to |R| / L = default_participation.
        var settings = new MarketImpactSettings(DefaultParticipation: 0.25);
        var none = Cost(Calculator(new Dictionary<string, InstrumentDepth>(), settings), (Future, 20), (Call, -2));
        Assert.Equal(2, none.FallbackPositions);
        Assert.All(none.Buckets, b => Assert.True(b.UsesDefault));
        double delta = (20 - 2 * CallDelta) * F, vega = -2 * VegaPerUnit;
        Assert.Equal(DailySpot * Math.Abs(delta) * 0.5 + DailyVega * Math.Abs(vega) * 0.5, none.CostUsd, 9);
    }

    [Fact]
    public void DailyVolumeIsTheVolumeElseTurnoverTimesOpenInterest()
    {
        Assert.Equal(12.5, new InstrumentDepth(1365.6, 12.5).DailyVolume(0.15));
        Assert.Equal(0.15 * 400, new InstrumentDepth(400, 0).DailyVolume(0.15)!.Value, 12);
        Assert.Equal(0.15 * 400, new InstrumentDepth(400, null).DailyVolume(0.15)!.Value, 12);
        Assert.Null(new InstrumentDepth(0, 0).DailyVolume(0.15));
        Assert.Null(new InstrumentDepth(null, 0).DailyVolume(0.15));
    }

    [Fact]
    public void Black76VegaMatchesACentralDifferenceOfThePrice()
    {
        const double k = 110, h = 1e-5;
        double fd = (StressMargin.Core.Pricing.Black76.Price(OptionRight.Call, F, k, T, Vol + h, 0.99) - StressMargin.Core.Pricing.Black76.Price(OptionRight.Call, F, k, T, Vol - h, 0.99)) / (2 * h);
        Assert.Equal(fd, StressMargin.Core.Pricing.Black76.Vega(F, k, T, Vol, 0.99), 6);
    }
}
