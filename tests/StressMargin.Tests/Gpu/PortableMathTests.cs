using Xunit.Abstractions;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;

namespace StressMargin.Tests.Gpu;

/// <summary>The GPU's own exp and log (used without LibDevice) against System.Math, in units in the last place.</summary>
public class PortableMathTests(ITestOutputHelper output)
{
    private static long Ulps(double a, double b)
    {
        if (a == b) return 0;
        long x = BitConverter.DoubleToInt64Bits(a), y = BitConverter.DoubleToInt64Bits(b);
        return Math.Abs(x - y);
    }

    [Fact]
    public void ExpIsWithinOneUlpOfSystemMathOnTheNormalRange()
    {
        var rng = new Random(21);
        long worst = 0;
        double worstX = 0;
        var math = default(PortableMath);
        for (int i = 0; i < 2_000_000; i++)
        {
            // Uniform on [−708, 709] (every result normal), and a dense sample of small arguments (the revaluation's e^x).
            double x = i % 2 == 0 ? -708 + 1417 * rng.NextDouble() : (rng.NextDouble() - 0.5) * Math.Pow(2, -rng.Next(0, 40));
            long u = Ulps(math.Exp(x), Math.Exp(x));
            if (u > worst) { worst = u; worstX = x; }
        }
        output.WriteLine($"exp: worst {worst} ulp at x = {worstX:R}");
        Assert.True(worst <= 1, $"exp({worstX:R}) is {worst} ulp from System.Math");
        Assert.Equal(1.0, math.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, math.Exp(710));
        Assert.Equal(0.0, math.Exp(-746));
        Assert.True(double.IsNaN(math.Exp(double.NaN)));
    }

    [Fact]
    public void LogIsWithinOneUlpOfSystemMathIncludingNearOne()
    {
        var rng = new Random(22);
        long worst = 0;
        double worstX = 0;
        var math = default(PortableMath);
        for (int i = 0; i < 2_000_000; i++)
        {
            double x = (i % 3) switch
            {
                0 => Math.Exp(-700 + 1400 * rng.NextDouble()),
                1 => 1 + (rng.NextDouble() - 0.5) * Math.Pow(2, -rng.Next(0, 50)),   // near 1, where CORDIC failed
                _ => rng.NextDouble(),                                               // AS 241's uniforms and Marsaglia–Tsang's
            };
            if (x <= 0) continue;
            long u = Ulps(math.Log(x), Math.Log(x));
            if (u > worst) { worst = u; worstX = x; }
        }
        output.WriteLine($"log: worst {worst} ulp at x = {worstX:R}");
        Assert.True(worst <= 1, $"log({worstX:R}) is {worst} ulp from System.Math");
        Assert.Equal(0.0, math.Log(1.0));
        Assert.Equal(double.NegativeInfinity, math.Log(0.0));
        Assert.True(double.IsNaN(math.Log(-1.0)));
        Assert.Equal(Math.Log(double.Epsilon), math.Log(double.Epsilon), 1e-15);
    }

    [Fact]
    public void DeviceMathOnPortableMathAgreesWithSystemMathToRounding()
    {
        // AS 241, Cody's erfc and Black-76 with the portable exp/log stay within a few 1e-16 of the System.Math results.
        var rng = new Random(23);
        double worstNormal = 0, worstErfc = 0, worstPrice = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double p = rng.NextDouble() * (1 - 2e-16) + 1e-16;
            double z = Normal.InverseCdf<SystemMath>(p);
            worstNormal = Math.Max(worstNormal, Math.Abs(Normal.InverseCdf<PortableMath>(p) - z) / Math.Max(1, Math.Abs(z)));
            double x = (rng.NextDouble() - 0.5) * 20;
            double e = Erfc.Evaluate<SystemMath>(x);
            worstErfc = Math.Max(worstErfc, Math.Abs(Erfc.Evaluate<PortableMath>(x) - e) / Math.Max(e, 1e-300));
            double f = 50_000 + 50_000 * rng.NextDouble(), k = 30_000 + 100_000 * rng.NextDouble(), s = 0.01 + rng.NextDouble();
            double price = Core.Pricing.Black76.PriceFromLogMoneyness<SystemMath>(i % 2 == 0, f, k, Math.Log(f / k), s, 0.99);
            worstPrice = Math.Max(worstPrice, Math.Abs(Core.Pricing.Black76.PriceFromLogMoneyness<PortableMath>(i % 2 == 0, f, k, Math.Log(f / k), s, 0.99) - price) / f);
        }
        output.WriteLine($"AS 241 {worstNormal:E2}, erfc {worstErfc:E2} (relative), Black-76 {worstPrice:E2} of the forward");
        Assert.True(worstNormal < 1e-15, $"AS 241: {worstNormal}");
        Assert.True(worstErfc < 1e-14, $"erfc: {worstErfc}");
        Assert.True(worstPrice < 1e-15, $"Black-76: {worstPrice}");
    }

    [Fact]
    public void HighProductFromThirtyTwoBitLimbsEqualsBigMul()
    {
        var rng = new Random(24);
        ulong[] edges = [0, 1, 2, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1];
        foreach (ulong a in edges)
            foreach (ulong b in edges)
                Assert.Equal(Math.BigMul(a, b, out _), HistoricalDateDraw.MultiplyHigh(a, b));
        for (int i = 0; i < 200_000; i++)
        {
            ulong a = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 33), b = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
            Assert.Equal(Math.BigMul(a, b, out _), HistoricalDateDraw.MultiplyHigh(a, b));
        }
    }
}
