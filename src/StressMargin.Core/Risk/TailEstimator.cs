namespace StressMargin.Core.Risk;

/// <summary>
/// Empirical VaR and Expected Shortfall of a sample of n losses (docs/model.md §8).
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
/// The backends compute these by the streaming tail (<see cref="TailAccumulator"/>, <see cref="TailPartial"/>);
/// <see cref="Estimate"/> runs the same code on one sample in memory.
/// </summary>
public static class TailEstimator
{
    /// <summary>Most batches used for the standard error.</summary>
    public const int MaxBatches = 20;
    /// <summary>Fewest tail paths (k) per batch.</summary>
    public const int MinTailPathsPerBatch = 10;

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
    public static TailEstimate Estimate(ReadOnlySpan<double> losses, double esConfidence, double varConfidence)
    {
        var layout = new TailLayout(losses.Length, esConfidence, varConfidence);
        var accumulator = new TailAccumulator(layout, 0, losses.Length);
        accumulator.Add(losses);
        var partial = new TailPartial(layout, 1, 0, losses.Length);
        accumulator.WriteTo(partial, 0);
        return TailPartial.Merge([partial]).Reduce()[0];
    }

    /// <summary>ES alone (Acerbi–Tasche) of a sample, e.g. one batch-means batch: its ⌊k⌋ + 1 best-ranked losses summed
    /// in rank order (<see cref="TailRanking"/>), as the backends compute a batch's ES.</summary>
    /// <param name="losses">Losses by path, finite.</param>
    /// <param name="confidence">α in (0, 1).</param>
    /// <returns>ES_α.</returns>
    /// <exception cref="ArgumentException">A non-finite loss.</exception>
    public static double ExpectedShortfall(ReadOnlySpan<double> losses, double confidence)
    {
        double k = TailSize(losses.Length, confidence);
        var items = new TailCandidate[losses.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            if (!double.IsFinite(losses[i])) throw new ArgumentException($"loss on path {i} is not finite ({losses[i]})", nameof(losses));
            items[i] = new TailCandidate(losses[i], i);
        }
        int m = (int)Math.Floor(k) + 1;
        TailRanking.SelectBest(items, m);
        return TailRanking.ExpectedShortfall(items.AsSpan(0, m), k);
    }
}
