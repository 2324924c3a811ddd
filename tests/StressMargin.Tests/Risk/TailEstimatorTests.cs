using System.Globalization;
using StressMargin.Core.Risk;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Risk;

public class TailEstimatorTests
{
    [Fact]
    public void ToyCaseOfAcerbiTasche()
    {
        // reference-values §5d: losses 1..100, α = 0.975 → k = 2.5, ES = (100 + 99 + 0.5·98)/2.5 = 99.2; VaR = 98.
        var losses = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        new Random(3).Shuffle(losses);
        var t = TailEstimator.Estimate(losses, 0.975, 0.975);
        Assert.Equal(99.2, t.ExpectedShortfall, 12);
        Assert.Equal(98, t.ValueAtRisk);
        Assert.Equal(2.5, t.TailSize, 12);   // 100 × (1 − 0.975) = 2.5000000000000022 in binary
        Assert.Equal([100.0, 99.0, 98.0], t.TailPaths.Select(p => losses[p]));
        Assert.Equal(1 / 2.5, t.Weight(0), 12);
        Assert.Equal(0.5 / 2.5, t.Weight(2), 12);
    }

    [Fact]
    public void IntegerTailSizeIsSnappedAndVarIsTheLowerQuantile()
    {
        // 100,000 × (1 − 0.99) = 1000.0000000000009 in floating point: snapped to 1000.
        Assert.Equal(1000.0, TailEstimator.TailSize(100_000, 0.99));
        var losses = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var t = TailEstimator.Estimate(losses, 0.99, 0.99);
        Assert.Equal(100.0, t.ExpectedShortfall);     // k = 1: the single largest loss
        Assert.Equal(99.0, t.ValueAtRisk);            // the ⌈nα⌉ = 99th smallest
        Assert.Equal(2, t.TailPaths.Length);          // ⌊k⌋ + 1, the last with weight 0
        Assert.Equal(0.0, t.Weight(1));
    }

    [Fact]
    public void TiesAreBrokenByLowerPathIndex()
    {
        double[] losses = [5, 7, 7, 1, 7, 3];
        var t = TailEstimator.Estimate(losses, 0.5, 0.5); // k = 3
        Assert.Equal([1, 2, 4, 0], t.TailPaths);
        Assert.Equal(7.0, t.ExpectedShortfall);
        Assert.Equal(5.0, t.ValueAtRisk);
    }

    [Fact]
    public void SelectionAgreesWithAFullSortOnRandomSamples()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = trial % 4 == 0 ? rng.Next(20_000, 60_000) : rng.Next(1, 3000); // large samples take the sampled-threshold path
            double alpha = 0.5 + 0.499 * rng.NextDouble();
            // Many repeated values to exercise ties in quickselect.
            var losses = trial % 3 == 0
                ? Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 50) - 10).ToArray()
                : Enumerable.Range(0, n).Select(_ => Math.Exp(3 * rng.NextDouble()) * (rng.NextDouble() - 0.3)).ToArray();
            var t = TailEstimator.Estimate(losses, alpha, alpha);
            var sorted = losses.Select((v, i) => (v, i)).OrderByDescending(x => x.v).ThenBy(x => x.i).ToArray();
            double k = TailEstimator.TailSize(n, alpha);
            int whole = (int)Math.Floor(k);
            double es = (sorted.Take(whole).Sum(x => x.v) + (k - whole) * sorted[whole].v) / k;
            Assert.Equal(es, t.ExpectedShortfall, 9);
            Assert.Equal(sorted[whole].v, t.ValueAtRisk);
            Assert.Equal(sorted.Take(whole + 1).Select(x => x.i), t.TailPaths);
        }
    }

    [Theory]
    // reference-values §5d: BTC-USD daily simple losses 2020-01-01 … 2024-12-31 (n = 1827), recomputed independently.
    [InlineData(0.975, 45.675, 0.0945896, 0.0628238)]
    [InlineData(0.99, 18.27, 0.1267291, 0.0872915)]
    public void AcerbiTascheOnRealBitcoinLosses(double alpha, double k, double es, double lossAtRankFloorKPlusOne)
    {
        var closes = File.ReadLines(RepoPaths.Combine("tests", "StressMargin.Tests", "Data", "BTC-USD_1d_yahoo.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (Date: DateOnly.Parse(f[0], CultureInfo.InvariantCulture), Close: double.Parse(f[1], CultureInfo.InvariantCulture)))
            .Where(r => r.Date >= new DateOnly(2019, 12, 31) && r.Date <= new DateOnly(2024, 12, 31))
            .ToArray();
        var losses = closes.Zip(closes.Skip(1), (a, b) => -(b.Close / a.Close - 1)).ToArray();
        Assert.Equal(1827, losses.Length);
        var t = TailEstimator.Estimate(losses, alpha, alpha);
        Assert.Equal(k, t.TailSize, 9);
        Assert.Equal(es, t.ExpectedShortfall, 6);
        Assert.Equal(lossAtRankFloorKPlusOne, t.ValueAtRisk, 6);
    }

    [Fact]
    public void RejectsNonFiniteLossesAndBadConfidence()
    {
        Assert.Throws<ArgumentException>(() => TailEstimator.Estimate([1, double.NaN, 3], 0.5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TailEstimator.TailSize(10, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TailEstimator.TailSize(10, 0.0));
    }

    [Fact]
    public void BatchMeansErrorIsAbsentForTooSmallTails()
    {
        var losses = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray(); // k = 10 < 2 batches × 10
        Assert.True(double.IsNaN(TailEstimator.Estimate(losses, 0.99, 0.99).EsStdError));
    }
}
