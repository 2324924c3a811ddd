using StressMargin.Core.Backtesting;
using StressMargin.Core.Numerics;

namespace StressMargin.Tests.Backtest;

/// <summary>
/// Kupiec (1995) and Christoffersen (1998) against their formulas evaluated by hand, with p-values checked through the
/// identity 1 − F_χ²(1)(x) = erfc(√(x/2)) (the project's own Cody erfc, independent of MathNet's χ²).
/// </summary>
public class CoverageTestsTests
{
    private static double PValue(double lr) => Erfc.Evaluate(Math.Sqrt(lr / 2));

    [Fact]
    public void KupiecOnFiveExceedancesIn250DaysAtOnePercent()
    {
        // LR = −2·ln(0.99^245·0.01^5) + 2·ln(0.98^245·0.02^5) = 2·(245·ln(0.98/0.99) + 5·ln 2) = 1.9568…
        double byHand = 2 * (245 * Math.Log(0.98 / 0.99) + 5 * Math.Log(2));
        var test = CoverageTests.KupiecPof(250, 5, 0.01);
        Assert.Equal(byHand, test.Statistic, 1e-12);
        Assert.InRange(test.Statistic, 1.956, 1.958);
        Assert.Equal(PValue(byHand), test.PValue, 1e-12);
        Assert.InRange(test.PValue, 0.16, 0.17);
    }

    [Fact]
    public void KupiecWithoutExceedancesAndAtTheExpectedRate()
    {
        var none = CoverageTests.KupiecPof(500, 0, 0.01);
        Assert.Equal(-2 * 500 * Math.Log(0.99), none.Statistic, 1e-12);   // 0·ln 0 = 0
        Assert.Equal(PValue(none.Statistic), none.PValue, 1e-12);
        var exact = CoverageTests.KupiecPof(1000, 10, 0.01);
        Assert.Equal(0.0, exact.Statistic, 1e-12);
        Assert.Equal(1.0, exact.PValue, 1e-12);
        // 95 % critical value of χ²(1) is 3.841459: 10 exceedances in 250 days at 1 % rejects, 6 does not.
        Assert.True(CoverageTests.KupiecPof(250, 10, 0.01).PValue < 0.05);
        Assert.True(CoverageTests.KupiecPof(250, 6, 0.01).PValue > 0.05);
    }

    [Fact]
    public void ChristoffersenIsZeroWhenExceedancesDoNotDependOnYesterday()
    {
        // Pairs: 00 01 11 10 00 00 01 10 00 → n00 = 4, n01 = 2, n10 = 2, n11 = 1; π01 = 2/6 = π11 = 1/3 = π: LR = 0.
        bool[] e = [false, false, true, true, false, false, false, true, false, false];
        var (test, t) = CoverageTests.ChristoffersenIndependence(e);
        Assert.Equal((4, 2, 2, 1), t);
        Assert.Equal(0.0, test.Statistic, 1e-12);
        Assert.Equal(1.0, test.PValue, 1e-12);
    }

    [Fact]
    public void ChristoffersenOnClusteredExceedances()
    {
        // Pairs: 00 00 00 01 11 11 10 00 00 → n00 = 5, n01 = 1, n10 = 1, n11 = 2; π01 = 1/6, π11 = 2/3, π = 1/3.
        bool[] e = [false, false, false, false, true, true, true, false, false, false];
        double byHand = -2 * (6 * Math.Log(2.0 / 3) + 3 * Math.Log(1.0 / 3))
                        + 2 * (5 * Math.Log(5.0 / 6) + 1 * Math.Log(1.0 / 6) + 1 * Math.Log(1.0 / 3) + 2 * Math.Log(2.0 / 3));
        var (test, t) = CoverageTests.ChristoffersenIndependence(e);
        Assert.Equal((5, 1, 1, 2), t);
        Assert.Equal(byHand, test.Statistic, 1e-12);
        Assert.Equal(PValue(byHand), test.PValue, 1e-12);

        var summary = CoverageTests.Summarize(e, 0.01);
        Assert.Equal(3, summary.Exceedances);
        Assert.Equal(0.3, summary.Rate, 1e-15);
        Assert.Equal(CoverageTests.KupiecPof(10, 3, 0.01), summary.Kupiec);
    }

    [Fact]
    public void ChristoffersenWithoutExceedancesOrWithOneAtTheEnd()
    {
        Assert.Equal(0.0, CoverageTests.ChristoffersenIndependence(new bool[20]).Test.Statistic);
        var last = new bool[20];
        last[^1] = true;   // n10 = n11 = 0: π11 has no data; its terms vanish
        var (test, t) = CoverageTests.ChristoffersenIndependence(last);
        Assert.Equal((18, 1, 0, 0), t);
        Assert.Equal(0.0, test.Statistic, 1e-12);
    }
}
