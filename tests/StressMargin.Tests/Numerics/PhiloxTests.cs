using System.Globalization;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Numerics;

public class PhiloxTests
{
    public static TheoryData<uint[], uint[], uint[]> KnownAnswers()
    {
        var data = new TheoryData<uint[], uint[], uint[]>();
        foreach (var line in File.ReadLines(RepoPaths.Combine("tests", "StressMargin.Tests", "Data", "philox4x32-10-kat.txt")))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("philox4x32", w[0]);
            Assert.Equal("10", w[1]);
            uint[] Hex(int from, int count) => w.Skip(from).Take(count).Select(x => uint.Parse(x, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            data.Add(Hex(2, 4), Hex(6, 2), Hex(8, 4));
        }
        Assert.Equal(3, data.Count);
        return data;
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void MatchesRandom123KnownAnswerVectors(uint[] counter, uint[] key, uint[] expected)
    {
        var r = Philox4x32.Generate((counter[0], counter[1], counter[2], counter[3]), key[0], key[1]);
        Assert.Equal(expected, new[] { r.R0, r.R1, r.R2, r.R3 });
    }

    [Fact]
    public void UniformIsStrictlyInsideTheUnitIntervalAtTheExtremes()
    {
        double lo = Philox4x32.ToUniformOpen(0, 0);
        double hi = Philox4x32.ToUniformOpen(uint.MaxValue, uint.MaxValue);
        Assert.Equal(0.5 / 4503599627370496.0, lo);
        Assert.True(hi < 1.0);
        Assert.Equal(1.0 - 0.5 / 4503599627370496.0, hi);
        Assert.True(double.IsFinite(StressMargin.Core.Numerics.Normal.InverseCdf(hi)));
    }

    [Fact]
    public void CounterLayoutSeparatesPathsStepsAndDraws()
    {
        // Path 2^32 must not alias path 0 (the high word of the path index is in counter word 1).
        var a = ScenarioRandom.Block(42, 0, 0, 0);
        var b = ScenarioRandom.Block(42, 1L << 32, 0, 0);
        var c = ScenarioRandom.Block(42, 0, 1, 0);
        var d = ScenarioRandom.Block(42, 0, 0, 1);
        var e = ScenarioRandom.Block(43, 0, 0, 0);
        Assert.Equal(5, new[] { a, b, c, d, e }.Distinct().Count());
        Assert.Equal(Philox4x32.Generate((0u, 1u, 0u, 0u), 42u, 0u), b);
    }

    [Fact]
    public void StandardNormalsHaveUnitMomentsAndAreReproducible()
    {
        // 200,000 normals: the sample mean has s.e. 0.0022 and the variance 0.0032; bounds are 5 s.e.
        const int paths = 100_000;
        Span<double> z = stackalloc double[2];
        double sum = 0, sumSq = 0, sum4 = 0;
        for (long p = 0; p < paths; p++)
        {
            ScenarioRandom.StandardNormals(7, p, 0, z);
            foreach (double v in z) { sum += v; sumSq += v * v; sum4 += v * v * v * v; }
        }
        double n = 2.0 * paths;
        Assert.InRange(sum / n, -0.011, 0.011);
        Assert.InRange(sumSq / n, 1 - 0.016, 1 + 0.016);
        Assert.InRange(sum4 / n, 3 - 0.12, 3 + 0.12); // kurtosis 3, s.e. sqrt(96/n) = 0.022
        Span<double> again = stackalloc double[2];
        ScenarioRandom.StandardNormals(7, 12345, 0, z);
        ScenarioRandom.StandardNormals(7, 12345, 0, again);
        Assert.True(z.SequenceEqual(again));
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(2.5)]
    [InlineData(30.0)]
    public void ChiSquareHasMeanNuAndVarianceTwoNu(double nu)
    {
        // Mean ν, variance 2ν; with 100,000 draws the mean's s.e. is sqrt(2ν/n); bounds are 5 s.e. (variance: 6 s.e. of a
        // sample variance, whose s.e. is sqrt((μ4 − σ⁴)/n) with μ4 = 12ν(ν + 4) for χ²_ν).
        const int n = 100_000;
        double sum = 0, sumSq = 0;
        for (long p = 0; p < n; p++)
        {
            double w = ScenarioRandom.ChiSquare(99, p, 0, nu);
            Assert.True(w > 0);
            sum += w;
            sumSq += w * w;
        }
        double mean = sum / n, variance = sumSq / n - mean * mean;
        Assert.InRange(mean, nu - 5 * Math.Sqrt(2 * nu / n), nu + 5 * Math.Sqrt(2 * nu / n));
        double varSe = Math.Sqrt((12 * nu * (nu + 4) - 4 * nu * nu) / n);
        Assert.InRange(variance, 2 * nu - 6 * varSe, 2 * nu + 6 * varSe);
    }
}
