using StressMargin.Core.MarketData;

namespace StressMargin.Tests.MarketData;

public class VolSurfaceTests
{
    // Two expiries (0.1 and 0.5 years) with three strikes each on a curve with spot 100 and forwards 101, 104.
    private static readonly ForwardCurve Curve = new(100, [0.1, 0.5], [101, 104]);
    private static readonly double[] Strikes = [80, 100, 120];
    private static readonly VolSurface Surface = new("X", Curve,
    [
        new VolSmile(0.1, Curve.Forward(0.1), Strikes, [0.60, 0.45, 0.50]),
        new VolSmile(0.5, Curve.Forward(0.5), Strikes, [0.50, 0.40, 0.42]),
    ]);

    [Fact]
    public void ForwardCurveIsExactAtNodesLogLinearBetweenFromSpotBeforeAndFlatAfter()
    {
        Assert.Equal(101, Curve.Forward(0.1), 12);
        Assert.Equal(104, Curve.Forward(0.5), 12);
        Assert.Equal(100, Curve.Forward(0), 12);
        Assert.Equal(Math.Sqrt(100 * 101.0), Curve.Forward(0.05), 10);           // halfway in ln F from (0, ln S0)
        Assert.Equal(Math.Sqrt(101 * 104.0), Curve.Forward(0.3), 10);            // halfway between the nodes
        Assert.Equal(104, Curve.Forward(2.0), 12);                                 // flat log-basis beyond the last node
        Assert.Equal(100, new ForwardCurve(100, [], []).Forward(1.0), 12);          // no futures: forward = spot
    }

    [Fact]
    public void IsExactAtEveryNode()
    {
        double[][] vols = [[0.60, 0.45, 0.50], [0.50, 0.40, 0.42]];
        double[] t = [0.1, 0.5];
        for (int e = 0; e < 2; e++)
            for (int s = 0; s < 3; s++)
                Assert.Equal(vols[e][s], Surface.ImpliedVol(Strikes[s], t[e]), 14);
    }

    [Fact]
    public void IsLinearInTotalVarianceOverLogMoneynessWithinAnExpiry()
    {
        double f = Curve.Forward(0.1);
        double k1 = Math.Log(80 / f), k2 = Math.Log(100 / f);
        double kMid = 0.25 * k1 + 0.75 * k2;
        double strike = f * Math.Exp(kMid);
        double w = 0.25 * 0.60 * 0.60 * 0.1 + 0.75 * 0.45 * 0.45 * 0.1;
        Assert.Equal(Math.Sqrt(w / 0.1), Surface.ImpliedVol(strike, 0.1), 14);
    }

    [Fact]
    public void IsLinearInTotalVarianceOverTimeAtFixedLogMoneyness()
    {
        // At k = ln(100/F(T)) on each smile, interpolation at fixed k, T = 0.2 (a quarter of the way).
        double k = 0.0;
        double w1 = Surface.Smiles[0].TotalVarianceAt(k), w2 = Surface.Smiles[1].TotalVarianceAt(k);
        double w = w1 + 0.25 * (w2 - w1);
        Assert.Equal(Math.Sqrt(w / 0.2), Surface.ImpliedVolAtLogMoneyness(k, 0.2), 14);
        Assert.Equal(Math.Sqrt(w / 0.2), Surface.ImpliedVol(Curve.Forward(0.2), 0.2), 14);
    }

    [Fact]
    public void IsFlatInVolBeyondTheStrikesAndBeforeTheFirstOrAfterTheLastExpiry()
    {
        Assert.Equal(0.60, Surface.ImpliedVol(40, 0.1), 14);
        Assert.Equal(0.50, Surface.ImpliedVol(400, 0.1), 14);
        Assert.Equal(0.42, Surface.ImpliedVol(1000, 0.5), 14);
        double k = Math.Log(100 / Curve.Forward(0.1));
        Assert.Equal(0.45, Surface.ImpliedVolAtLogMoneyness(k, 0.01), 14);  // before the first expiry: that smile's vol at k
        double kLast = Math.Log(100 / Curve.Forward(0.5));
        Assert.Equal(0.40, Surface.ImpliedVolAtLogMoneyness(kLast, 3.0), 14);
    }

    [Fact]
    public void RejectsUnsortedOrNonPositiveInputs()
    {
        Assert.Throws<ArgumentException>(() => new VolSmile(0.1, 100, [100, 90], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => new VolSmile(0.1, 100, [100], [0.0]));
        Assert.Throws<ArgumentException>(() => new VolSmile(0.0, 100, [100], [0.5]));
        Assert.Throws<ArgumentException>(() => new ForwardCurve(100, [0.5, 0.1], [101, 102]));
        Assert.Throws<ArgumentException>(() => new ForwardCurve(-1, [], []));
    }
}
