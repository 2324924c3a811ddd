namespace StressMargin.Core.Risk;

/// <summary>
/// Empirical VaR and Expected Shortfall of a sample of n losses, by selection (no full sort).
/// <para>Conventions, with losses sorted descending L(1) ≥ … ≥ L(n), ties broken by lower path index first, and
/// k = n(1 − α) (snapped to the nearest integer when within 1e-9 of it, so that 100,000 × (1 − 0.99) is exactly 1,000):</para>
/// <list type="bullet">
/// <item>VaR_α = L(⌊k⌋ + 1), which is the ⌈nα⌉-th smallest loss, the lower empirical α-quantile inf{x : F_n(x) ≥ α}.</item>
/// <item>ES_α = [Σ_{i ≤ ⌊k⌋} L(i) + (k − ⌊k⌋)·L(⌊k⌋ + 1)] / k, the estimator of C. Acerbi and D. Tasche,
/// "On the coherence of expected shortfall", J. Banking &amp; Finance 26 (2002) 1487–1503 (reference-values §5d).</item>
/// <item>Component ES of a position: the same weights applied to that position's loss on the same paths, so the
/// components of an account sum to its ES (Tasche 1999, "Risk contributions and performance measurement").</item>
/// <item>ES standard error by batch means: the n paths are cut into B contiguous batches (B = min(20, ⌊k/10⌋),
/// so each batch keeps at least 10 tail paths), the estimator is applied to each, and SE = sd(ES_b)/√B.</item>
/// </list>
/// Instances hold scratch buffers and are not thread-safe; use one per thread.
/// </summary>
public sealed class TailEstimator
{
    /// <summary>Most batches used for the standard error.</summary>
    public const int MaxBatches = 20;
    /// <summary>Fewest tail paths (k) per batch.</summary>
    public const int MinTailPathsPerBatch = 10;

    private double[] _buffer = [];
    private readonly List<int> _picked = [];

    /// <summary>k = n(1 − α), snapped to an integer when within 1e-9 (relative) of one.</summary>
    /// <param name="n">Sample size, positive.</param>
    /// <param name="confidence">α in (0, 1).</param>
    /// <returns>k in (0, n).</returns>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or α outside (0, 1).</exception>
    public static double TailSize(int n, double confidence)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "need at least one loss");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1)");
        double k = n * (1.0 - confidence);
        double r = Math.Round(k);
        return Math.Abs(k - r) <= 1e-9 * Math.Max(1.0, k) ? r : k;
    }

    /// <summary>VaR, ES, ES standard error and the ES tail paths of one loss sample.</summary>
    /// <param name="losses">Losses by path index, USD; all finite.</param>
    /// <param name="esConfidence">α for ES, in (0, 1).</param>
    /// <param name="varConfidence">α for VaR, in (0, 1).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">A non-finite loss (names the path).</exception>
    public TailEstimate Estimate(ReadOnlySpan<double> losses, double esConfidence, double varConfidence)
    {
        int n = losses.Length;
        double k = TailSize(n, esConfidence);
        int mEs = (int)Math.Floor(k) + 1;
        int mVar = (int)Math.Floor(TailSize(n, varConfidence)) + 1;
        int m = Math.Max(mEs, mVar);
        int[] top = SelectLargest(losses, m);
        double es = WeightedTail(losses, top, k);
        double var = losses[top[mVar - 1]];
        return new TailEstimate(var, es, BatchMeansStdError(losses, esConfidence, k), k, top[..mEs]);
    }

    /// <summary>ES only (Acerbi–Tasche), e.g. for one batch.</summary>
    /// <param name="losses">Losses, finite.</param>
    /// <param name="confidence">α in (0, 1).</param>
    /// <returns>ES_α.</returns>
    public double ExpectedShortfall(ReadOnlySpan<double> losses, double confidence)
    {
        double k = TailSize(losses.Length, confidence);
        return WeightedTail(losses, SelectLargest(losses, (int)Math.Floor(k) + 1), k);
    }

    /// <summary>[Σ_{i &lt; ⌊k⌋} L(top[i]) + (k − ⌊k⌋)·L(top[⌊k⌋])] / k, summed in rank order.</summary>
    /// <param name="values">Values by path.</param>
    /// <param name="top">Paths in rank order, at least ⌊k⌋ + 1 of them.</param>
    /// <param name="k">Tail size.</param>
    /// <returns>The weighted tail mean.</returns>
    public static double WeightedTail(ReadOnlySpan<double> values, ReadOnlySpan<int> top, double k)
    {
        int whole = (int)Math.Floor(k);
        double sum = 0;
        for (int i = 0; i < whole; i++) sum += values[top[i]];
        double frac = k - whole;
        if (frac > 0) sum += frac * values[top[whole]];
        return sum / k;
    }

    /// <summary>[Σ_{i &lt; ⌊k⌋} v_i + (k − ⌊k⌋)·v_⌊k⌋] / k for values already in tail-rank order (component ES).</summary>
    /// <param name="ranked">Values on the tail paths in rank order, at least ⌊k⌋ + 1 of them.</param>
    /// <param name="k">Tail size.</param>
    /// <returns>The weighted tail mean.</returns>
    public static double WeightedTail(ReadOnlySpan<double> ranked, double k)
    {
        int whole = (int)Math.Floor(k);
        double sum = 0;
        for (int i = 0; i < whole; i++) sum += ranked[i];
        double frac = k - whole;
        if (frac > 0) sum += frac * ranked[whole];
        return sum / k;
    }

    private double BatchMeansStdError(ReadOnlySpan<double> losses, double confidence, double k)
    {
        int batches = Math.Min(MaxBatches, (int)Math.Floor(k / MinTailPathsPerBatch));
        if (batches < 2) return double.NaN;
        int n = losses.Length;
        Span<double> es = stackalloc double[MaxBatches];
        double mean = 0;
        for (int b = 0; b < batches; b++)
        {
            int start = (int)((long)b * n / batches), end = (int)((long)(b + 1) * n / batches);
            es[b] = ExpectedShortfall(losses[start..end], confidence);
            mean += es[b];
        }
        mean /= batches;
        double ss = 0;
        for (int b = 0; b < batches; b++) ss += (es[b] - mean) * (es[b] - mean);
        return Math.Sqrt(ss / (batches - 1) / batches);
    }

    /// <summary>
    /// The m largest-loss path indices, sorted by loss descending then index ascending. For large samples a
    /// threshold is first estimated from every 16th loss (set a few standard errors beyond the expected rank, so at
    /// least m losses lie above it with overwhelming probability) and only the losses at or above it are ranked; if
    /// fewer than m pass, the exact method runs instead. Both return exactly the same paths.
    /// </summary>
    private int[] SelectLargest(ReadOnlySpan<double> losses, int m)
    {
        int n = losses.Length;
        const int stride = 16;
        if (n >= 64 * stride && m <= n / (2 * stride))
        {
            int sampleCount = n / stride;
            var sample = Buffer(sampleCount);
            for (int s = 0; s < sampleCount; s++) sample[s] = losses[s * stride];
            int expected = m / stride;
            int rank = Math.Min(sampleCount - 1, expected + 4 * (int)Math.Ceiling(Math.Sqrt(expected + 1)) + 8);
            double threshold = Select(sample, sampleCount - 1 - rank);
            _picked.Clear();
            for (int i = 0; i < n; i++)
            {
                double v = losses[i];
                if (v >= threshold) _picked.Add(i);
                else if (!double.IsFinite(v)) throw NonFinite(i, v);
            }
            if (_picked.Count >= m)
            {
                foreach (int i in _picked) if (!double.IsFinite(losses[i])) throw NonFinite(i, losses[i]);
                return RankTop(losses, m);
            }
        }

        var buf = Buffer(n);
        for (int i = 0; i < n; i++)
        {
            double v = losses[i];
            if (!double.IsFinite(v)) throw NonFinite(i, v);
            buf[i] = v;
        }
        double tau = Select(buf, n - m); // (n − m)-th smallest, 0-based = m-th largest
        _picked.Clear();
        for (int i = 0; i < n; i++) if (losses[i] > tau) _picked.Add(i);
        for (int i = 0; i < n && _picked.Count < m; i++) if (losses[i] == tau) _picked.Add(i);
        return RankTop(losses, m);
    }

    /// <summary>Sorts the picked paths by (loss descending, path ascending) and returns the first m.</summary>
    private int[] RankTop(ReadOnlySpan<double> losses, int m)
    {
        var ranked = new (double Loss, int Path)[_picked.Count];
        for (int i = 0; i < ranked.Length; i++) ranked[i] = (losses[_picked[i]], _picked[i]);
        Array.Sort(ranked, static (a, b) => b.Loss.CompareTo(a.Loss) is var c && c != 0 ? c : a.Path.CompareTo(b.Path));
        var top = new int[m];
        for (int i = 0; i < m; i++) top[i] = ranked[i].Path;
        return top;
    }

    private Span<double> Buffer(int length)
    {
        if (_buffer.Length < length) _buffer = new double[length];
        return _buffer.AsSpan(0, length);
    }

    private static ArgumentException NonFinite(int path, double value) => new($"loss on path {path} is not finite ({value})", "losses");

    /// <summary>Hoare quickselect with median-of-three pivots: the r-th smallest value (0-based). Reorders <paramref name="a"/>.</summary>
    internal static double Select(Span<double> a, int r)
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
