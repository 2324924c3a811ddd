using StressMargin.Core.Numerics;

namespace StressMargin.Tests.Numerics;

public class NormalTests
{
    private static double RelErr(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), double.Epsilon);

    [Fact]
    public void ErfcMatchesMathNetToFullPrecisionWhereMathNetIsExact()
    {
        // MathNet's erfc (Boost-derived rational approximations) is an independent implementation; it is itself
        // accurate to ~1e-16 for |x| ≤ 5 (beyond that its error grows to ~1e-14, so the tail is checked below).
        double worst = 0;
        for (double x = -6; x <= 5; x += 0.0137)
        {
            double reference = MathNet.Numerics.SpecialFunctions.Erfc(x);
            worst = Math.Max(worst, RelErr(Erfc.Evaluate(x), reference));
        }
        Assert.True(worst < 2e-15, $"worst relative error {worst:E2}");
        Assert.Equal(1.0, Erfc.Evaluate(0.0));
        Assert.Equal(0.0, Erfc.Evaluate(30.0));
        Assert.Equal(2.0, Erfc.Evaluate(-30.0));
    }

    [Theory]
    // Tail values from an independent implementation (glibc's erfc, correctly rounded to within an ulp).
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(6.0, 2.1519736712498916e-17)]
    [InlineData(8.0, 1.1224297172982928e-29)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(15.0, 7.212994172451206e-100)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    [InlineData(26.0, 5.663192408856143e-296)]
    public void ErfcKeepsFullRelativePrecisionInTheFarTail(double x, double expected)
    {
        Assert.True(RelErr(Erfc.Evaluate(x), expected) < 1e-15, $"erfc({x}) = {Erfc.Evaluate(x):R}");
    }

    [Fact]
    public void CdfMatchesMathNetIncludingTheFarLowerTail()
    {
        // Both sides compute Φ(x) = ½·erfc(−x/√2); rounding x/√2 costs each a relative error of about x²·ε in the tail, so
        // the bound scales with 1 + x² (at x = −37: 3e-13).
        double worst = 0;
        for (double x = -37; x <= 8.5; x += 0.0173)
            worst = Math.Max(worst, RelErr(Normal.Cdf(x), MathNet.Numerics.Distributions.Normal.CDF(0, 1, x)) / (1 + x * x));
        Assert.True(worst < 1e-15, $"worst relative error / (1 + x²) {worst:E2}");
        Assert.Equal(0.5, Normal.Cdf(0));
        Assert.Equal(0.975002104851780, Normal.Cdf(1.96), 15);
    }

    [Theory]
    [InlineData(0.9, 1.28155156554)]
    [InlineData(0.95, 1.64485362695)]
    [InlineData(0.975, 1.95996398454)]
    [InlineData(0.99, 2.32634787404)]
    [InlineData(0.999, 3.09023230617)]
    public void InverseCdfMatchesPublishedQuantiles(double p, double expected)
    {
        // Quantiles from reference-values §5a.
        Assert.Equal(expected, Normal.InverseCdf(p), 10);
        Assert.Equal(-expected, Normal.InverseCdf(1 - p), 10);
    }

    [Fact]
    public void InverseCdfInvertsTheCdfOverTheWholeRange()
    {
        // Every range of AS 241 (central, intermediate r ≤ 5, far tail r > 5) down to p = 1e-300.
        double worst = 0;
        foreach (double p in Enumerable.Range(1, 999).Select(i => i / 1000.0).Concat(Enumerable.Range(1, 299).Select(e => Math.Pow(10, -e))))
        {
            double z = Normal.InverseCdf(p);
            worst = Math.Max(worst, RelErr(z, MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p)));
            // A relative error δ in z moves Φ by a relative z²·δ in the tail.
            Assert.True(RelErr(Normal.Cdf(z), p) < 1e-15 * (1 + z * z), $"Φ(Φ⁻¹({p})) = {Normal.Cdf(z)}");
        }
        Assert.True(worst < 1e-14, $"worst relative error vs MathNet {worst:E2}");
    }

    [Fact]
    public void InverseCdfRejectsProbabilitiesOutsideTheUnitInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.InverseCdf(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.InverseCdf(double.NaN));
        Assert.Equal(double.NegativeInfinity, Normal.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, Normal.InverseCdf(1));
    }
}
