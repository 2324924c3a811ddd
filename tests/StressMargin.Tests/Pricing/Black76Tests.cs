using StressMargin.Core.Instruments;
using StressMargin.Core.Pricing;

namespace StressMargin.Tests.Pricing;

public class Black76Tests
{
    // Haug (1998) rows with q = r (cost of carry b = 0), i.e. Black-76 with F = S and DF = e^(−rT), from
    // reference-values §1 (QuantLib test-suite/europeanoption.cpp testValues). Columns: type, K, S, r, t, v,
    // quoted value (tolerance 1e-4 in QuantLib), independent high-precision recomputation.
    public static TheoryData<string, double, double, double, double, double, double, double> HaugRows => new()
    {
        { "put", 19, 19, 0.10, 0.75, 0.28, 1.7011, 1.701050725 },
        { "call", 19, 19, 0.10, 0.75, 0.28, 1.7011, 1.701050725 },
        { "call", 100, 90, 0.10, 0.10, 0.15, 0.0205, 0.02049014854 },
        { "call", 100, 100, 0.10, 0.10, 0.15, 1.8734, 1.873344573 },
        { "call", 100, 110, 0.10, 0.10, 0.15, 9.9413, 9.941277395 },
        { "call", 100, 90, 0.10, 0.10, 0.25, 0.3150, 0.3150458008 },
        { "call", 100, 100, 0.10, 0.10, 0.25, 3.1217, 3.121720698 },
        { "call", 100, 110, 0.10, 0.10, 0.25, 10.3556, 10.35555214 },
        { "call", 100, 90, 0.10, 0.10, 0.35, 0.9474, 0.9474175344 },
        { "call", 100, 100, 0.10, 0.10, 0.35, 4.3693, 4.369316849 },
        { "call", 100, 110, 0.10, 0.10, 0.35, 11.1381, 11.13812516 },
        { "call", 100, 90, 0.10, 0.50, 0.15, 0.8069, 0.8068924137 },
        { "call", 100, 100, 0.10, 0.50, 0.15, 4.0232, 4.023167049 },
        { "call", 100, 110, 0.10, 0.50, 0.15, 10.5769, 10.57685779 },
        { "call", 100, 90, 0.10, 0.50, 0.25, 2.7026, 2.70259373 },
        { "call", 100, 100, 0.10, 0.50, 0.25, 6.6997, 6.699696964 },
        { "call", 100, 110, 0.10, 0.50, 0.25, 12.7857, 12.78567893 },
        { "call", 100, 90, 0.10, 0.50, 0.35, 4.9329, 4.932877431 },
        { "call", 100, 100, 0.10, 0.50, 0.35, 9.3679, 9.367876646 },
        { "call", 100, 110, 0.10, 0.50, 0.35, 15.3086, 15.30859976 },
        { "put", 100, 90, 0.10, 0.10, 0.15, 9.9210, 9.920988486 },
        { "put", 100, 100, 0.10, 0.10, 0.15, 1.8734, 1.873344573 },
        { "put", 100, 110, 0.10, 0.10, 0.15, 0.0408, 0.040779058 },
        { "put", 100, 90, 0.10, 0.10, 0.25, 10.2155, 10.21554414 },
        { "put", 100, 100, 0.10, 0.10, 0.25, 3.1217, 3.121720698 },
        { "put", 100, 110, 0.10, 0.10, 0.25, 0.4551, 0.455053799 },
        { "put", 100, 90, 0.10, 0.10, 0.35, 10.8479, 10.84791587 },
        { "put", 100, 100, 0.10, 0.10, 0.35, 4.3693, 4.369316849 },
        { "put", 100, 110, 0.10, 0.10, 0.35, 1.2376, 1.237626823 },
        { "put", 100, 90, 0.10, 0.50, 0.15, 10.3192, 10.31918666 },
        { "put", 100, 100, 0.10, 0.50, 0.15, 4.0232, 4.023167049 },
        { "put", 100, 110, 0.10, 0.50, 0.15, 1.0646, 1.064563542 },
        { "put", 100, 90, 0.10, 0.50, 0.25, 12.2149, 12.21488798 },
        { "put", 100, 100, 0.10, 0.50, 0.25, 6.6997, 6.699696964 },
        { "put", 100, 110, 0.10, 0.50, 0.25, 3.2734, 3.273384685 },
        { "put", 100, 90, 0.10, 0.50, 0.35, 14.4452, 14.44517168 },
        { "put", 100, 100, 0.10, 0.50, 0.35, 9.3679, 9.367876646 },
        { "put", 100, 110, 0.10, 0.50, 0.35, 5.7963, 5.796305516 },
    };

    [Theory]
    [MemberData(nameof(HaugRows))]
    public void MatchesHaugTablesWithZeroCostOfCarry(string type, double strike, double spot, double rate, double years, double vol, double quoted, double recomputed)
    {
        var right = type == "call" ? OptionRight.Call : OptionRight.Put;
        double price = Black76.Price(right, spot, strike, years, vol, Math.Exp(-rate * years));
        Assert.True(Math.Abs(price - quoted) <= 1e-4, $"{price} vs quoted {quoted}");
        // The recomputed values carry 10 significant digits.
        Assert.True(Math.Abs(price - recomputed) <= 6e-10 * Math.Max(1, recomputed), $"{price:R} vs recomputed {recomputed}");
    }

    [Theory]
    // reference-values §4: Deribit mark[coin] = Black76(F, K, T, IV, r = 0)/F, worked rows of 2026-01-05.
    [InlineData("call", 94702.02, 90000, 0.220903689, 0.4397, 0.1074967)]
    [InlineData("put", 93758.42, 89000, 0.029254134, 0.4517, 0.0112285)]
    public void ReproducesDeribitWorkedRows(string type, double forward, double strike, double years, double vol, double coinPrice)
    {
        var right = type == "call" ? OptionRight.Call : OptionRight.Put;
        Assert.Equal(coinPrice, Black76.Price(right, forward, strike, years, vol, 1.0) / forward, 7);
    }

    [Theory]
    [InlineData(100, 80, 0.5, 0.3, 0.97)]
    [InlineData(100, 120, 2.0, 0.8, 0.9)]
    [InlineData(71000, 60000, 0.02, 1.2, 1.0)]
    public void SatisfiesPutCallParity(double f, double k, double t, double vol, double df)
    {
        double call = Black76.Price(OptionRight.Call, f, k, t, vol, df);
        double put = Black76.Price(OptionRight.Put, f, k, t, vol, df);
        Assert.Equal(df * (f - k), call - put, 1e-9 * f);
    }

    [Fact]
    public void TendsToTheDiscountedIntrinsicValueAndToTheDiscountedForward()
    {
        Assert.Equal(0.95 * 20, Black76.Price(OptionRight.Call, 120, 100, 1.0, 1e-9, 0.95), 12);
        Assert.Equal(0.0, Black76.Price(OptionRight.Put, 120, 100, 1.0, 1e-9, 0.95), 12);
        Assert.Equal(0.95 * 20, Black76.Price(OptionRight.Put, 100, 120, 0.0, 0.5, 0.95), 12);
        Assert.Equal(0.95 * 120, Black76.Price(OptionRight.Call, 120, 100, 1e6, 0.5, 0.95), 9);
    }

    [Fact]
    public void DeltaIsTheDerivativeOfThePriceInTheForward()
    {
        foreach (var right in new[] { OptionRight.Call, OptionRight.Put })
        {
            double f = 71000, k = 65000, t = 0.3, v = 0.55, df = 0.99, bump = 1e-5 * f; // truncation error ~ bump²·V'''/6 ≈ 4e-11
            double numeric = (Black76.Price(right, f + bump, k, t, v, df) - Black76.Price(right, f - bump, k, t, v, df)) / (2 * bump);
            Assert.Equal(numeric, Black76.Delta(right, f, k, t, v, df), 9);
        }
    }
}
