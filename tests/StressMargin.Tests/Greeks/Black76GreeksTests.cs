using MathNet.Numerics.Distributions;
using StressMargin.Core.Instruments;
using StressMargin.Core.Pricing;

namespace StressMargin.Tests.Greeks;

public class Black76GreeksTests
{
    // E. G. Haug, "Option Pricing Formulas" (McGraw-Hill, 1998), pp. 11–16, as tabulated (4 decimals, tolerance 1e-4) in
    // QuantLib's test-suite/europeanoption.cpp (testGreekValues). Generalized Black–Scholes with spot S, dividend yield
    // q and rate r is Black-76 on F = S·e^((r − q)T) with DF = e^(−rT); spot sensitivities follow from ∂F/∂S = F/S.
    [Theory]
    [InlineData("call", 100.0, 105.0, 0.10, 0.10, 0.5, 0.36, 0.5946)]
    [InlineData("put", 100.0, 105.0, 0.10, 0.10, 0.5, 0.36, -0.3566)]
    public void DeltaMatchesHaug(string type, double strike, double spot, double q, double r, double t, double vol, double expected)
    {
        var (g, basis) = Generalized(type, strike, spot, q, r, t, vol);
        Assert.Equal(expected, g.DeltaForward * basis, 1e-4);
    }

    [Theory]
    [InlineData("call")]
    [InlineData("put")]
    public void GammaAndVegaMatchHaug(string type)
    {
        var (g, basis) = Generalized(type, 60.0, 55.0, 0.0, 0.10, 0.75, 0.30);
        Assert.Equal(0.0278, g.GammaForward * basis * basis, 1e-4);
        Assert.Equal(18.9358, g.Vega, 1e-4);
    }

    [Fact]
    public void ThetaMatchesHaugAfterHoldingTheForwardInsteadOfTheSpot()
    {
        // Haug's theta holds S while time passes, so F = S·e^(b(T−t)) drifts: Θ_S = Θ_F − b·S·Δ_S with b = r − q.
        const double s = 430.0, q = 0.05, r = 0.07, b = r - q;
        var (g, basis) = Generalized("put", 405.0, s, q, r, 1.0 / 12.0, 0.20);
        double thetaHoldingSpot = g.Theta - b * s * g.DeltaForward * basis;
        Assert.Equal(-31.1924, thetaHoldingSpot, 1e-4);
        Assert.Equal(-0.0855, thetaHoldingSpot / 365.0, 1e-4);
    }

    public static TheoryData<string, double, double, double, double, double> Grid()
    {
        var data = new TheoryData<string, double, double, double, double, double>();
        foreach (string type in new[] { "call", "put" })
            foreach (double k in new[] { 40_000.0, 65_000.0, 70_000.0, 75_000.0, 120_000.0 })
                foreach (double t in new[] { 1.0 / 365, 0.1, 1.5 })
                    foreach (double vol in new[] { 0.2, 0.55, 1.4 })
                        data.Add(type, 70_000.0, k, t, vol, 0.04);
        return data;
    }

    // An independent closed form (MathNet's Φ and φ, the textbook formulas: Hull, "Options, Futures, and Other
    // Derivatives", 10th ed., §18.8 and §19) against the engine's.
    [Theory]
    [MemberData(nameof(Grid))]
    public void AgreesWithAnIndependentClosedForm(string type, double f, double k, double t, double vol, double r)
    {
        bool call = type == "call";
        double df = Math.Exp(-r * t), sd = vol * Math.Sqrt(t);
        double d1 = (Math.Log(f / k) + 0.5 * vol * vol * t) / sd, d2 = d1 - sd;
        double price = call ? df * (f * Normal.CDF(0, 1, d1) - k * Normal.CDF(0, 1, d2)) : df * (k * Normal.CDF(0, 1, -d2) - f * Normal.CDF(0, 1, -d1));
        double delta = call ? df * Normal.CDF(0, 1, d1) : -df * Normal.CDF(0, 1, -d1);
        double gamma = df * Normal.PDF(0, 1, d1) / (f * vol * Math.Sqrt(t));
        double vega = f * df * Normal.PDF(0, 1, d1) * Math.Sqrt(t);
        // Θ = −∂V/∂T: Hull's theta of a futures option, −F·DF·φ(d1)σ/(2√T) ± r·DF·(F·N(±d1) − K·N(±d2)) = … + rV.
        double theta = -f * df * Normal.PDF(0, 1, d1) * vol / (2 * Math.Sqrt(t)) + r * price;

        var g = Black76Greeks.Compute(call ? OptionRight.Call : OptionRight.Put, f, k, t, vol, r);
        AssertClose(delta, g.DeltaForward, 1e-12, 1e-15);
        AssertClose(gamma, g.GammaForward, 1e-10, 1e-300);
        AssertClose(vega, g.Vega, 1e-10, 1e-300);
        AssertClose(theta, g.Theta, 1e-10, 1e-9);
    }

    [Fact]
    public void RejectsAnOptionAtExpiry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76Greeks.Compute(OptionRight.Call, 100, 100, 0, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76Greeks.Compute(OptionRight.Call, 100, 100, 1, 0, 0));
    }

    private static (Black76Sensitivities Greeks, double Basis) Generalized(string type, double strike, double spot, double q, double r, double t, double vol)
    {
        double f = spot * Math.Exp((r - q) * t);
        return (Black76Greeks.Compute(type == "call" ? OptionRight.Call : OptionRight.Put, f, strike, t, vol, r), f / spot);
    }

    private static void AssertClose(double expected, double actual, double relative, double absolute) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(relative * Math.Abs(expected), absolute), $"expected {expected:R}, got {actual:R}");
}
