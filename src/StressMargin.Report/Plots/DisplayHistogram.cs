using StressMargin.Core.Risk;

namespace StressMargin.Report.Plots;

/// <summary>
/// A <see cref="LossHistogram"/> re-binned for display on a linear loss axis: equal bins of width w, w a power of two
/// no smaller than 1/60 of the loss range nor than the widest fine bin in it. Every fine bin edge in the range is a
/// multiple of its own width, itself a power of two dividing w, so each fine bin lies inside exactly one display bin:
/// the display counts are sums of fine counts, exact integers, with no splitting or aliasing. The zero bin counts in
/// [0, w); an open-ended outermost bin counts at its finite edge.
/// </summary>
/// <param name="Width">w, USD.</param>
/// <param name="Lower">Lower edge of each display bin, USD, ascending (k·w).</param>
/// <param name="Counts">Paths per display bin (empty bins included, so bars are contiguous).</param>
/// <param name="Total">Σ counts = the histogram's path count.</param>
internal sealed record DisplayHistogram(double Width, double[] Lower, long[] Counts, long Total)
{
    /// <summary>Display bins aimed at over the whole range (the actual number is between about 16 and 120).</summary>
    public const int TargetBins = 60;

    /// <summary>Re-bins a histogram.</summary>
    /// <param name="histogram">The fine histogram, at least one path.</param>
    /// <returns>The display histogram.</returns>
    /// <exception cref="ArgumentException">The histogram is empty.</exception>
    public static DisplayHistogram Of(LossHistogram histogram)
    {
        var bins = histogram.NonEmptyBins().ToArray();
        if (bins.Length == 0) throw new ArgumentException("the histogram has no paths", nameof(histogram));
        double low = Finite(bins[0].Lower, bins[0].Upper), high = Finite(bins[^1].Upper, bins[^1].Lower);
        double widest = Math.Max(FineWidth(bins[0].Bin), FineWidth(bins[^1].Bin));
        double target = Math.Max((high - low) / TargetBins, widest);
        double w = Math.ScaleB(1.0, (int)Math.Ceiling(Math.Log2(target)));
        long first = Index(Middle(bins[0]), w), last = Index(Middle(bins[^1]), w);
        var counts = new long[last - first + 1];
        foreach (var b in bins) counts[Index(Middle(b), w) - first] += b.Count;
        var lower = Enumerable.Range(0, counts.Length).Select(k => (first + k) * w).ToArray();
        return new DisplayHistogram(w, lower, counts, histogram.Count);
    }

    private static long Index(double loss, double w) => (long)Math.Floor(loss / w);

    /// <summary>Where a fine bin counts: its midpoint; 0 for the zero bin; the finite edge of an open-ended bin.</summary>
    private static double Middle((int Bin, double Lower, double Upper, long Count) b) =>
        b.Bin == LossHistogram.ZeroBin ? 0.0
        : double.IsInfinity(b.Lower) ? b.Upper
        : double.IsInfinity(b.Upper) ? b.Lower
        : 0.5 * (b.Lower + b.Upper);

    private static double Finite(double edge, double other) => double.IsInfinity(edge) ? other : edge;

    /// <summary>Width of a fine bin (the smallest positive width for the zero and open-ended bins).</summary>
    private static double FineWidth(int bin)
    {
        double width = LossHistogram.Upper(bin) - LossHistogram.Lower(bin);
        return double.IsFinite(width) && bin != LossHistogram.ZeroBin ? width : Math.ScaleB(1.0, LossHistogram.MinExponent);
    }
}
