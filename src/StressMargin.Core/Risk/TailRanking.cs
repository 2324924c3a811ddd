namespace StressMargin.Core.Risk;

/// <summary>
/// Selection and ordering of tail candidates by rank (loss descending, then path ascending; docs/model.md §8), shared by
/// the CPU's streaming tail (<see cref="TailAccumulator"/>), the merge of path shards (<see cref="TailPartial"/>) and
/// the GPU backend's read-back, so that all of them keep the same sets and sum them in the same order.
/// Both operations work on the losses as plain doubles (quickselect) or as order-preserving 64-bit keys (sort) and
/// break ties by path afterwards, so that the common case costs no more than a selection or sort of doubles.
/// Each thread keeps its own scratch buffers.
/// </summary>
public static class TailRanking
{
    [ThreadStatic] private static double[]? t_values;
    [ThreadStatic] private static ulong[]? t_keys;
    [ThreadStatic] private static TailCandidate[]? t_ties;

    /// <summary>
    /// Overwrites the first m elements of <paramref name="items"/> with its m best-ranked (in no particular order; the
    /// rest is left undefined) and returns the worst of them: τ = the m-th largest loss by quickselect (median-of-three pivots, expected O(n)), then
    /// every loss above τ, and of those equal to τ the ones on the lowest paths.
    /// </summary>
    /// <param name="items">Candidates with distinct paths; reordered.</param>
    /// <param name="m">How many to keep, 1 ≤ m ≤ length.</param>
    /// <returns>The m-th best-ranked candidate.</returns>
    public static TailCandidate SelectBest(Span<TailCandidate> items, int m)
    {
        int n = items.Length;
        var values = Scratch(ref t_values, n);
        for (int i = 0; i < n; i++) values[i] = items[i].Loss;
        double tau = SelectValue(values, n - m);
        // One pass keeps every loss above τ (fewer than m of them) in place; those equal to τ are set aside, and the
        // lowest paths among them fill the remaining places.
        var ties = Scratch(ref t_ties, n);
        int kept = 0, tied = 0;
        for (int i = 0; i < n; i++)
        {
            var c = items[i];
            if (c.Loss > tau) items[kept++] = c;
            else if (c.Loss == tau) ties[tied++] = c;
        }
        var equal = ties[..tied];
        if (tied > 1) SortByPath(equal);
        equal[..(m - kept)].CopyTo(items[kept..]);
        return items[m - 1];
    }

    /// <summary>
    /// Cuts a buffer down cheaply while keeping at least its <paramref name="m"/> best-ranked candidates: τ̂ is taken from
    /// every 8th loss, low enough that at least m losses are ≥ τ̂ with overwhelming probability (the sample's rank
    /// m/8 + 3√(m/8) + 2), and every candidate with a loss ≥ τ̂ is kept. When fewer than m pass, or too few are dropped,
    /// the exact <see cref="SelectBest"/> runs instead. Every later candidate of a stream whose paths follow the
    /// buffer's can be tested against the returned threshold: a loss not above it ranks below m kept ones.
    /// </summary>
    /// <param name="items">Candidates with distinct paths; the kept ones are moved to the front.</param>
    /// <param name="m">How many best-ranked must be kept, 1 ≤ m ≤ length.</param>
    /// <param name="kept">How many were kept (≥ m).</param>
    /// <returns>The threshold τ: every kept loss is ≥ τ, and at least m are.</returns>
    public static double Prune(Span<TailCandidate> items, int m, out int kept)
    {
        const int stride = 8;
        int n = items.Length;
        if (n >= 32 * stride && m >= 4 * stride)
        {
            int samples = n / stride;
            var values = Scratch(ref t_values, samples);
            for (int i = 0; i < samples; i++) values[i] = items[i * stride].Loss;
            int rank = Math.Min(samples - 1, m / stride + 3 * (int)Math.Ceiling(Math.Sqrt(m / (double)stride)) + 2);
            double tau = SelectValue(values, samples - 1 - rank);
            int count = 0;
            for (int i = 0; i < n; i++)
                if (items[i].Loss >= tau)
                {
                    (items[count], items[i]) = (items[i], items[count]);
                    count++;
                }
            if (count >= m && count <= n - n / 4)
            {
                kept = count;
                return tau;
            }
            // The estimate missed (rare): the partition only reordered, so the exact selection can run on everything,
            // or on the front when enough passed but too few were dropped.
            if (count >= m)
            {
                kept = m;
                return SelectBest(items[..count], m).Loss;
            }
        }
        kept = m;
        return SelectBest(items, m).Loss;
    }

    /// <summary>Sorts candidates into rank order (loss descending, path ascending): a sort of order-preserving 64-bit
    /// keys of the losses, then the paths of equal losses in ascending order.</summary>
    /// <param name="items">Candidates, distinct paths.</param>
    public static void SortByRank(Span<TailCandidate> items)
    {
        int n = items.Length;
        var keys = Scratch(ref t_keys, n);
        for (int i = 0; i < n; i++) keys[i] = ~OrderKey(items[i].Loss);
        keys.Sort(items);
        for (int i = 0; i < n;)
        {
            int j = i + 1;
            while (j < n && keys[j] == keys[i]) j++;
            if (j - i > 1) SortByPath(items[i..j]);
            i = j;
        }
    }

    /// <summary>The Acerbi–Tasche ES of a sample from the candidates that hold its best-ranked losses: sorts them by
    /// rank and returns [Σ_{r &lt; ⌊k⌋} L_r + (k − ⌊k⌋)·L_⌊k⌋] / k, summed in rank order.</summary>
    /// <param name="items">The sample's best-ranked losses, at least its ⌊k⌋ + 1 best; sorted in place.</param>
    /// <param name="k">The sample's tail size.</param>
    /// <returns>ES.</returns>
    public static double ExpectedShortfall(Span<TailCandidate> items, double k)
    {
        SortByRank(items);
        int whole = (int)Math.Floor(k);
        double sum = 0;
        for (int i = 0; i < whole; i++) sum += items[i].Loss;
        double frac = k - whole;
        if (frac > 0) sum += frac * items[whole].Loss;
        return sum / k;
    }

    /// <summary>A 64-bit key whose unsigned order is the order of the doubles (−0 taken as +0; finite values).</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The key.</returns>
    public static ulong OrderKey(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value + 0.0);
        return bits < 0 ? ~(ulong)bits : (ulong)bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>The double of an <see cref="OrderKey"/>.</summary>
    /// <param name="key">A key.</param>
    /// <returns>The value.</returns>
    public static double FromOrderKey(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key));

    private static void SortByPath(Span<TailCandidate> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            var x = items[i];
            int j = i - 1;
            while (j >= 0 && items[j].Path > x.Path) { items[j + 1] = items[j]; j--; }
            items[j + 1] = x;
        }
    }

    private static Span<T> Scratch<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[Math.Max(length, 1024)];
        return buffer.AsSpan(0, length);
    }

    /// <summary>Hoare quickselect with median-of-three pivots: the r-th smallest value (0-based). Reorders <paramref name="a"/>.</summary>
    internal static double SelectValue(Span<double> a, int r)
    {
        int lo = 0, hi = a.Length - 1;
        while (hi > lo)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (a[mid] < a[lo]) (a[mid], a[lo]) = (a[lo], a[mid]);
            if (a[hi] < a[lo]) (a[hi], a[lo]) = (a[lo], a[hi]);
            if (a[hi] < a[mid]) (a[hi], a[mid]) = (a[mid], a[hi]);
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (r <= j) hi = j;
            else if (r >= i) lo = i;
            else return a[r];
        }
        return a[r];
    }
}
