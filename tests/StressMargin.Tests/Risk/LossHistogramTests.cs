using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Risk;

public class LossHistogramTests
{
    /// <summary>Losses across every binned octave and beyond, both signs, with exact edges, zeros and subnormals.</summary>
    private static double[] Values(int seed, int count)
    {
        var rng = new Random(seed);
        var values = new List<double> { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 1.0, -1.0 };
        for (int i = 0; i < count; i++)
        {
            double magnitude = Math.Pow(2, -24 + rng.NextDouble() * 90); // 2^-24 … 2^66: past both ends of the grid
            values.Add(rng.Next(2) == 0 ? magnitude : -magnitude);
        }
        for (int bin = 0; bin < LossHistogram.BinCount; bin += 7)
            foreach (double edge in new[] { LossHistogram.Lower(bin), LossHistogram.Upper(bin) })
                if (double.IsFinite(edge)) values.AddRange([edge, Math.BitIncrement(edge), Math.BitDecrement(edge)]);
        return values.ToArray();
    }

    [Fact]
    public void EveryValueLiesWithinTheEdgesOfItsBin()
    {
        foreach (double v in Values(1, 20_000))
        {
            int bin = LossHistogram.BinOf(v);
            double lower = LossHistogram.Lower(bin), upper = LossHistogram.Upper(bin);
            Assert.True(lower <= v && v <= upper, $"{v:R} in bin {bin} [{lower:R}, {upper:R}]");
            Assert.True(LossHistogram.Contains(bin, v), $"{v:R} not contained by its bin {bin} [{lower:R}, {upper:R}]");
            // Every other bin rejects it: the bins partition the real line.
            if (bin > 0) Assert.False(LossHistogram.Contains(bin - 1, v));
            if (bin < LossHistogram.BinCount - 1) Assert.False(LossHistogram.Contains(bin + 1, v));
        }
    }

    [Fact]
    public void BinsTileTheLineInOrderWithBoundedRelativeWidth()
    {
        Assert.Equal(double.NegativeInfinity, LossHistogram.Lower(0));
        Assert.Equal(double.PositiveInfinity, LossHistogram.Upper(LossHistogram.BinCount - 1));
        for (int b = 0; b + 1 < LossHistogram.BinCount; b++)
            Assert.Equal(LossHistogram.Upper(b), LossHistogram.Lower(b + 1));
        for (int b = 1; b + 1 < LossHistogram.BinCount; b++)
        {
            if (b == LossHistogram.ZeroBin) continue;
            double lower = LossHistogram.Lower(b), upper = LossHistogram.Upper(b);
            double inner = Math.Min(Math.Abs(lower), Math.Abs(upper));
            Assert.True(upper > lower && (upper - lower) <= inner / LossHistogram.SubBinsPerOctave * (1 + 1e-15), $"bin {b} [{lower:R}, {upper:R}]");
        }
        // A few hand-checked edges: 1 USD starts octave 0; 1.0625 = 1 + 1/16 starts its second bin; 2^-16 bounds the zero bin.
        Assert.Equal(1.0, LossHistogram.Lower(LossHistogram.BinOf(1.0)));
        Assert.Equal(1.0625, LossHistogram.Upper(LossHistogram.BinOf(1.0)));
        Assert.Equal(LossHistogram.BinOf(1.0) + 1, LossHistogram.BinOf(1.0625));
        Assert.Equal(-1.0, LossHistogram.Upper(LossHistogram.BinOf(-1.0)));
        Assert.Equal(LossHistogram.ZeroBin, LossHistogram.BinOf(Math.BitDecrement(Math.ScaleB(1, LossHistogram.MinExponent))));
        Assert.Equal(LossHistogram.ZeroBin + 1, LossHistogram.BinOf(Math.ScaleB(1, LossHistogram.MinExponent)));
        Assert.Equal(LossHistogram.BinCount - 1, LossHistogram.BinOf(Math.ScaleB(1, LossHistogram.MaxExponent)));
        Assert.Equal(LossHistogram.BinCount - 2, LossHistogram.BinOf(Math.BitDecrement(Math.ScaleB(1, LossHistogram.MaxExponent))));
    }

    [Fact]
    public void BinIndexIsMonotoneInTheLoss()
    {
        var sorted = Values(2, 5_000).Order().ToArray();
        for (int i = 1; i < sorted.Length; i++)
            Assert.True(LossHistogram.BinOf(sorted[i - 1]) <= LossHistogram.BinOf(sorted[i]), $"{sorted[i - 1]:R} then {sorted[i]:R}");
    }

    [Fact]
    public void CountsSumToTheNumberOfLossesAndMatchADirectCount()
    {
        var values = Values(3, 10_000);
        var h = new LossHistogram();
        h.Add(values);
        Assert.Equal(values.Length, h.Count);
        Assert.Equal(values.Length, h.NonEmptyBins().Sum(b => b.Count));
        // Independent count: for each non-empty bin, the values its edges contain.
        foreach (var (bin, _, _, count) in h.NonEmptyBins())
            Assert.Equal(values.Count(v => LossHistogram.Contains(bin, v)), count);
    }

    [Fact]
    public void SpanCountsEqualOneAtATimeCountsForEveryLengthAndOffset()
    {
        // The span path bins four losses at a time with vector operations and a scalar tail; one at a time is BinOf.
        var values = Values(6, 3_001);
        for (int offset = 0; offset < 4; offset++)
        {
            var span = values.AsSpan(offset);
            var bulk = new LossHistogram();
            bulk.Add(span);
            var single = new LossHistogram();
            foreach (double v in span) single.Add(v);
            Assert.Equal(single.Count, bulk.Count);
            for (int b = 0; b < LossHistogram.BinCount; b++) Assert.Equal(single[b], bulk[b]);
        }
    }

    [Fact]
    public void AStreamThatWidensSlowlyOnBothSidesIsCountedLikeADirectCount()
    {
        // The histogram stores only the window of bins it has seen; losses that creep outwards on both sides, a few
        // at a time, make it grow many times, on the left, on the right and on both within one block.
        var values = new List<double>();
        for (int step = 0; step < 400; step++)
        {
            double magnitude = Math.Pow(2, -10 + step * 0.15);
            values.AddRange([magnitude, -magnitude * 0.7, magnitude * 0.5, 1.0, -magnitude]);
        }
        var h = new LossHistogram();
        for (int start = 0; start < values.Count; start += 7) h.Add(values.ToArray().AsSpan(start, Math.Min(7, values.Count - start)));
        Assert.Equal(values.Count, h.Count);
        for (int bin = 0; bin < LossHistogram.BinCount; bin++)
            Assert.Equal(values.Count(v => LossHistogram.Contains(bin, v)), h[bin]);
        // Dense counts round-trip through FromCounts, and an empty histogram merges as nothing.
        var dense = Enumerable.Range(0, LossHistogram.BinCount).Select(b => (int)h[b]).ToArray();
        var back = LossHistogram.FromCounts(dense);
        back.Merge(new LossHistogram());
        Assert.Equal(h.NonEmptyBins(), back.NonEmptyBins());
        Assert.Throws<IndexOutOfRangeException>(() => h[LossHistogram.BinCount]);
    }

    [Fact]
    public void MergingShardsEqualsCountingTheirConcatenationInAnyOrder()
    {
        var values = Values(4, 10_000);
        var whole = new LossHistogram();
        whole.Add(values);
        var rng = new Random(5);
        var shuffled = values.OrderBy(_ => rng.Next()).ToArray();
        var merged = new LossHistogram();
        for (int start = 0; start < shuffled.Length;)
        {
            int length = Math.Min(shuffled.Length - start, 1 + rng.Next(2_000));
            var shard = new LossHistogram();
            shard.Add(shuffled.AsSpan(start, length));
            merged.Merge(shard);
            start += length;
        }
        Assert.Equal(whole.Count, merged.Count);
        for (int b = 0; b < LossHistogram.BinCount; b++) Assert.Equal(whole[b], merged[b]);
    }

    [Fact]
    public void NonFiniteLossesAreRejected()
    {
        var h = new LossHistogram();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossHistogram.BinOf(double.NegativeInfinity));
        Assert.Equal(0, h.Count);
    }

    [Fact]
    public void CpuBackendHistogramsCountEveryPathAndPlaceVaRInTheBinWhereTheCumulativeCountReachesItsRank()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 4_000));
        IComputeBackend backend = new CpuBackend(maxThreads: 2);
        var risk = backend.Run(input.Plan);
        Assert.NotNull(risk.Histograms);
        Assert.Equal(input.Plan.AccountCount, risk.Histograms!.Length);
        int n = input.Plan.PathCount;
        long rank = (long)Math.Ceiling(n * input.Plan.VarConfidence - 1e-9); // VaR = the ⌈n·α⌉-th smallest loss
        for (int a = 0; a < risk.Histograms.Length; a++)
        {
            var h = risk.Histograms[a];
            Assert.Equal(n, h.Count);
            long cumulative = 0;
            int varBin = -1;
            for (int b = 0; b < LossHistogram.BinCount && varBin < 0; b++)
                if ((cumulative += h[b]) >= rank) varBin = b;
            double var = risk.Accounts[a].ValueAtRisk;
            Assert.True(LossHistogram.Contains(varBin, var), $"account {a}: VaR {var:R} outside bin {varBin} [{LossHistogram.Lower(varBin):R}, {LossHistogram.Upper(varBin):R}]");
        }
    }
}
