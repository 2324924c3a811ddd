using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StressMargin.Core.Risk;

/// <summary>
/// Path counts of one account's simulated losses (USD) on a fixed log-linear grid that does not depend on the data:
/// every octave [2^e, 2^(e+1)) of |loss|, e from <see cref="MinExponent"/> to <see cref="MaxExponent"/> − 1, is cut
/// into <see cref="SubBinsPerOctave"/> equal bins [2^e·(1 + j/16), 2^e·(1 + (j+1)/16)), j = 0 … 15, on each side of
/// zero; one zero bin holds |loss| &lt; 2^MinExponent (exact zeros and sub-cent amounts); two open-ended bins hold
/// |loss| ≥ 2^MaxExponent. A bin's relative width is at most 1/16 = 6.25 % of its lower edge.
/// <para>The bin of a value comes from its IEEE-754 bits alone (the exponent and the top four mantissa bits), so
/// binning is exact (every edge is a power of two times a multiple of 1/16, representable exactly) and
/// deterministic, and histograms of disjoint sets of paths merge by adding counts: the histogram of path shards is
/// the histogram of all paths, whatever the order or the split (the "HDR histogram" layout of G. Tene, HdrHistogram,
/// with 4 sub-bucket bits).</para>
/// <para>Bin indices run from the most negative to the most positive loss: 0 = (−∞, −2^MaxExponent], then the negative
/// bins by decreasing magnitude, <see cref="ZeroBin"/>, the positive bins by increasing magnitude, and
/// <see cref="BinCount"/> − 1 = [2^MaxExponent, +∞). A positive bin holds lower ≤ loss &lt; upper; a negative bin holds
/// lower &lt; loss ≤ upper (the mirror image); the zero bin holds −2^MinExponent &lt; loss &lt; 2^MinExponent.</para>
/// <para>Storage: 32-bit counts (a run has at most 2³¹ − 1 paths) for the window of bins between the lowest and the
/// highest bin counted so far, grown as losses fall outside it (an account's losses typically span 300–600 of the
/// 2,307 bins: 1–3 KiB instead of 9 KiB, which a book of 100,000 accounts notices). Not thread-safe: one histogram per writer, merged afterwards. <see cref="BinOfFinite"/> is device math: the GPU kernels
/// count with it.</para>
/// </summary>
public sealed class LossHistogram
{
    /// <summary>Bins per octave of |loss|: 16, from the top four mantissa bits.</summary>
    public const int SubBinsPerOctave = 16;

    /// <summary>Smallest binned magnitude 2^−16 USD (about 1.5e-5): smaller losses and gains fall in the zero bin.</summary>
    public const int MinExponent = -16;

    /// <summary>Magnitudes from 2^56 USD (about 7.2e16) fall in the open-ended outermost bins.</summary>
    public const int MaxExponent = 56;

    /// <summary>Bins per side of zero, excluding the open-ended one: (MaxExponent − MinExponent) × 16 = 1,152.</summary>
    public const int MagnitudeBins = (MaxExponent - MinExponent) * SubBinsPerOctave;

    /// <summary>Index of the zero bin: 1,153.</summary>
    public const int ZeroBin = MagnitudeBins + 1;

    /// <summary>Number of bins: 2 × (1,152 + 1) + 1 = 2,307.</summary>
    public const int BinCount = 2 * (MagnitudeBins + 1) + 1;

    private const int MantissaShift = 52 - 4;

    /// <summary>Counts of bins [_first, _first + _window.Length); every bin outside holds 0.</summary>
    private int[] _window = [];
    private int _first;
    /// <summary>Bins added on the side a window grows, so that a stream widening slowly does not copy every call.</summary>
    private const int GrowthBins = 32;

    /// <summary>Total paths counted, Σ of all bin counts.</summary>
    public long Count { get; private set; }

    /// <summary>Paths counted in one bin.</summary>
    /// <param name="bin">Bin index in [0, <see cref="BinCount"/>).</param>
    /// <returns>The count.</returns>
    /// <exception cref="IndexOutOfRangeException">No such bin.</exception>
    public long this[int bin]
    {
        get
        {
            if ((uint)bin >= BinCount) throw new IndexOutOfRangeException($"bin {bin} is outside [0, {BinCount})");
            int i = bin - _first;
            return (uint)i < (uint)_window.Length ? _window[i] : 0;
        }
    }

    /// <summary>Widens the window to hold bins [low, high] (0 ≤ low ≤ high &lt; BinCount).</summary>
    private void Cover(int low, int high)
    {
        int end = _first + _window.Length;
        if (_window.Length != 0 && low >= _first && high < end) return;
        int newFirst, newEnd;
        if (_window.Length == 0) (newFirst, newEnd) = (low, high + 1);
        else
        {
            newFirst = low < _first ? Math.Max(0, low - GrowthBins) : _first;
            newEnd = high >= end ? Math.Min(BinCount, high + 1 + GrowthBins) : end;
        }
        var window = new int[newEnd - newFirst];
        if (_window.Length != 0) _window.CopyTo(window.AsSpan(_first - newFirst));
        (_window, _first) = (window, newFirst);
    }

    /// <summary>Counts every loss of a span (e.g. one account's loss row <c>[path]</c>, USD).</summary>
    /// <param name="losses">Losses, USD, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A loss is NaN or infinite (nothing after it is counted).</exception>
    public void Add(ReadOnlySpan<double> losses)
    {
        foreach (double loss in losses)
            if (!double.IsFinite(loss)) throw new ArgumentOutOfRangeException(nameof(losses), loss, "a loss must be finite");
        AddFinite(losses);
    }

    /// <summary>Counts every loss of a span already known to be finite (the streaming tail has checked them): the hot
    /// loop of the CPU backend, one bit-field extraction and one increment per loss.</summary>
    /// <param name="losses">Losses, USD, finite.</param>
    public void AddFinite(ReadOnlySpan<double> losses)
    {
        // BinOfFinite four at a time; a vector with a bin outside the window widens it (rare after the first losses).
        int i = 0;
        if (Vector256.IsHardwareAccelerated && losses.Length >= 4)
        {
            var l = MemoryMarshal.Cast<double, long>(losses);
            var exponentMask = Vector256.Create(0x7FFL);
            var mantissaMask = Vector256.Create(0xFL);
            var lowest = Vector256.Create((long)(1023 + MinExponent));
            var top = Vector256.Create((long)MagnitudeBins);
            var one = Vector256.Create(1L);
            var zero = Vector256.Create((long)ZeroBin);
            var first = Vector256.Create((long)_first);
            var last = Vector256.Create((long)(_first + _window.Length - 1));
            var window = _window;
            for (; i + 4 <= l.Length; i += 4)
            {
                var bits = Vector256.Create(l.Slice(i, 4));
                var biased = Vector256.ShiftRightLogical(bits, 52) & exponentMask;
                var magnitude = Vector256.Min(
                    Vector256.ShiftLeft(biased - lowest, 4) + (Vector256.ShiftRightLogical(bits, MantissaShift) & mantissaMask), top);
                var sign = -Vector256.ShiftRightLogical(bits, 63);
                var bin = zero + (((one + magnitude) ^ sign) - sign);
                bin = Vector256.ConditionalSelect(Vector256.LessThan(biased, lowest), zero, bin);
                if ((Vector256.LessThan(bin, first) | Vector256.GreaterThan(bin, last)) != Vector256<long>.Zero)
                {
                    var lows = Vector256.Min(bin, Vector256.Shuffle(bin, Vector256.Create(2L, 3, 0, 1)));
                    var highs = Vector256.Max(bin, Vector256.Shuffle(bin, Vector256.Create(2L, 3, 0, 1)));
                    Cover((int)Math.Min(lows[0], lows[1]), (int)Math.Max(highs[0], highs[1]));
                    first = Vector256.Create((long)_first);
                    last = Vector256.Create((long)(_first + _window.Length - 1));
                    window = _window;
                }
                var offset = bin - first;
                window[(int)offset.GetElement(0)]++;
                window[(int)offset.GetElement(1)]++;
                window[(int)offset.GetElement(2)]++;
                window[(int)offset.GetElement(3)]++;
            }
        }
        for (; i < losses.Length; i++)
        {
            int b = BinOfFinite(losses[i]);
            Cover(b, b);
            _window[b - _first]++;
        }
        Count += losses.Length;
    }

    /// <summary>Counts one loss.</summary>
    /// <param name="loss">Loss, USD, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public void Add(double loss)
    {
        int bin = BinOf(loss);
        Cover(bin, bin);
        _window[bin - _first]++;
        Count++;
    }

    /// <summary>A histogram from dense counts per bin (e.g. read back from a device).</summary>
    /// <param name="counts">Counts, length <see cref="BinCount"/>, each ≥ 0.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentException">Wrong length or a negative count.</exception>
    public static LossHistogram FromCounts(ReadOnlySpan<int> counts)
    {
        if (counts.Length != BinCount) throw new ArgumentException($"{counts.Length} counts, expected {BinCount}", nameof(counts));
        var h = new LossHistogram();
        int low = -1, high = -1;
        for (int b = 0; b < BinCount; b++)
        {
            if (counts[b] < 0) throw new ArgumentException($"negative count in bin {b}", nameof(counts));
            if (counts[b] == 0) continue;
            if (low < 0) low = b;
            high = b;
            h.Count += counts[b];
        }
        if (low < 0) return h;
        h.Cover(low, high);
        counts[low..(high + 1)].CopyTo(h._window);
        return h;
    }

    /// <summary>Adds the counts of another histogram (of other paths) to this one.</summary>
    /// <param name="other">A histogram on the same fixed grid.</param>
    public void Merge(LossHistogram other)
    {
        if (other._window.Length == 0) return;
        Cover(other._first, other._first + other._window.Length - 1);
        var target = _window.AsSpan(other._first - _first, other._window.Length);
        for (int i = 0; i < target.Length; i++) target[i] += other._window[i];
        Count += other.Count;
    }

    /// <summary>The bins with at least one path, in index order (most negative loss first).</summary>
    /// <returns>(bin index, lower edge, upper edge, count); edges in USD, ±∞ for the open-ended bins.</returns>
    public IEnumerable<(int Bin, double Lower, double Upper, long Count)> NonEmptyBins()
    {
        for (int i = 0; i < _window.Length; i++)
            if (_window[i] > 0) yield return (_first + i, Lower(_first + i), Upper(_first + i), _window[i]);
    }

    /// <summary>The bin of a loss, from its bits: exponent e and top four mantissa bits j give magnitude bin
    /// (e − MinExponent)·16 + j.</summary>
    /// <param name="loss">Loss, USD, finite.</param>
    /// <returns>Bin index in [0, <see cref="BinCount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static int BinOf(double loss) =>
        double.IsFinite(loss) ? BinOfFinite(loss) : throw new ArgumentOutOfRangeException(nameof(loss), loss, "a loss must be finite");

    /// <summary><see cref="BinOf"/> of a loss known to be finite, without the check (device math: no exception).</summary>
    /// <param name="loss">Loss, USD, finite.</param>
    /// <returns>Bin index in [0, <see cref="BinCount"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BinOfFinite(double loss)
    {
        long bits = BitConverter.DoubleToInt64Bits(loss);
        int biased = (int)(bits >> 52) & 0x7FF;
        if (biased < 1023 + MinExponent) return ZeroBin; // ±0, subnormals and |loss| < 2^MinExponent
        int magnitude = biased >= 1023 + MaxExponent ? MagnitudeBins : (biased - (1023 + MinExponent)) * SubBinsPerOctave + (int)((bits >> MantissaShift) & 0xF);
        // ZeroBin + (1 + magnitude) for a gain-free loss, ZeroBin − (1 + magnitude) for a negative one, without a branch
        // on the sign (random from path to path): sign is 0 or −1, and (v ^ sign) − sign is v or −v.
        int sign = (int)(bits >> 63);
        return ZeroBin + (((1 + magnitude) ^ sign) - sign);
    }

    /// <summary>Lower edge of a bin, USD (−∞ for bin 0).</summary>
    /// <param name="bin">Bin index.</param>
    /// <returns>The edge.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such bin.</exception>
    public static double Lower(int bin) => Check(bin) switch
    {
        ZeroBin => -Math.ScaleB(1.0, MinExponent),
        > ZeroBin => MagnitudeLower(bin - ZeroBin - 1),
        _ => -MagnitudeUpper(ZeroBin - 1 - bin),
    };

    /// <summary>Upper edge of a bin, USD (+∞ for the last bin).</summary>
    /// <param name="bin">Bin index.</param>
    /// <returns>The edge.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such bin.</exception>
    public static double Upper(int bin) => Check(bin) switch
    {
        ZeroBin => Math.ScaleB(1.0, MinExponent),
        > ZeroBin => MagnitudeUpper(bin - ZeroBin - 1),
        _ => -MagnitudeLower(ZeroBin - 1 - bin),
    };

    /// <summary>Whether a bin holds a value, with the bin's own open and closed ends (see the type's remarks).</summary>
    /// <param name="bin">Bin index.</param>
    /// <param name="loss">Loss, USD.</param>
    /// <returns>True when <see cref="BinOf"/> of the value is the bin.</returns>
    public static bool Contains(int bin, double loss) => Check(bin) switch
    {
        ZeroBin => Lower(bin) < loss && loss < Upper(bin),
        > ZeroBin => Lower(bin) <= loss && loss < Upper(bin),
        _ => Lower(bin) < loss && loss <= Upper(bin),
    };

    private static int Check(int bin) =>
        (uint)bin < BinCount ? bin : throw new ArgumentOutOfRangeException(nameof(bin), bin, $"bin must be in [0, {BinCount})");

    /// <summary>Lower edge of magnitude bin m: 2^e·(1 + j/16) with e = MinExponent + m/16, j = m mod 16; 2^MaxExponent for the open bin.</summary>
    private static double MagnitudeLower(int m) => m == MagnitudeBins
        ? Math.ScaleB(1.0, MaxExponent)
        : Math.ScaleB(1.0 + (m % SubBinsPerOctave) / (double)SubBinsPerOctave, MinExponent + m / SubBinsPerOctave);

    /// <summary>Upper edge of magnitude bin m: 2^e·(1 + (j+1)/16); +∞ for the open bin.</summary>
    private static double MagnitudeUpper(int m) => m == MagnitudeBins
        ? double.PositiveInfinity
        : Math.ScaleB(1.0 + (m % SubBinsPerOctave + 1) / (double)SubBinsPerOctave, MinExponent + m / SubBinsPerOctave);
}
