using StressMargin.Core.Risk;
using StressMargin.Report.Plots;

namespace StressMargin.Tests.Report;

public class DisplayHistogramTests
{
    [Theory]
    [InlineData(1, 0.0, 1_000.0, 1)]        // symmetric around zero
    [InlineData(2, 50_000.0, 3_000.0, 1)]   // far from zero and narrow: the fine bins are wider than range/60
    [InlineData(3, -200.0, 20_000.0, 3)]    // heavy-tailed, most losses near zero, crossing it
    public void DisplayBinsCountExactlyTheLossesWithinThem(int seed, double mean, double scale, int power)
    {
        var rng = new Random(seed);
        var losses = Enumerable.Range(0, 20_000).Select(_ => mean + scale * Math.Pow(rng.NextDouble() * 2 - 1, power)).ToArray();
        var h = new LossHistogram();
        h.Add(losses);
        var d = DisplayHistogram.Of(h);
        Assert.Equal(losses.Length, d.Total);
        Assert.Equal(losses.Length, d.Counts.Sum());
        Assert.Equal(Math.ScaleB(1.0, Math.ILogB(d.Width)), d.Width); // a power of two
        Assert.True(d.Width >= (losses.Max() - losses.Min()) / DisplayHistogram.TargetBins / 2, $"w = {d.Width}");
        Assert.True(d.Counts.Length <= 2 * DisplayHistogram.TargetBins + 2, $"{d.Counts.Length} bins");
        // Independent count: the losses in [k·w, (k+1)·w) (the zero bin's tiny values fall in [0, w)).
        for (int k = 0; k < d.Counts.Length; k++)
        {
            double lo = d.Lower[k], hi = lo + d.Width;
            long direct = losses.Count(v => (Math.Abs(v) < Math.ScaleB(1, LossHistogram.MinExponent) ? 0 : v) is var x && lo <= x && x < hi);
            Assert.True(direct == d.Counts[k], $"bin [{lo}, {hi}): {d.Counts[k]} shown, {direct} losses");
        }
    }

    [Fact]
    public void AllZeroLossesMakeOneBin()
    {
        var h = new LossHistogram();
        h.Add(new double[100]);
        var d = DisplayHistogram.Of(h);
        Assert.Equal([100L], d.Counts);
        Assert.Equal(0.0, d.Lower[0]);
    }
}
