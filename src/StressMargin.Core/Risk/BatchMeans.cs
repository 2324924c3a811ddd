namespace StressMargin.Core.Risk;

/// <summary>
/// The batches of the ES standard error (docs/model.md §8): B = min(20, ⌊k/10⌋) contiguous batches of paths
/// [⌊b·n/B⌋, ⌊(b+1)·n/B⌋), b = 0 … B − 1, with k = n(1 − α), as in <see cref="TailEstimator"/>. Exposed so that a
/// statistic of two loss samples on the same paths — the change in ES or IM of a what-if — gets its error from the
/// same batches: SE(Δ) = sd_b(Δ_b)/√B, with the sample sd (divisor B − 1).
/// </summary>
public static class BatchMeans
{
    /// <summary>Number of batches for n paths at confidence α; below 2 no standard error exists.</summary>
    /// <param name="paths">n, positive.</param>
    /// <param name="confidence">α in (0, 1).</param>
    /// <returns>B = min(20, ⌊k/10⌋), or 0 when that is below 2 (<see cref="TailLayout.Batches"/>).</returns>
    public static int Batches(int paths, double confidence) => new TailLayout(paths, confidence, confidence).Batches;

    /// <summary>The ES of every batch of a loss sample.</summary>
    /// <param name="losses">Losses by path, USD, finite; length n.</param>
    /// <param name="confidence">α in (0, 1).</param>
    /// <returns>ES_b for b = 0 … B − 1 (empty when B &lt; 2).</returns>
    public static double[] BatchExpectedShortfalls(ReadOnlySpan<double> losses, double confidence)
    {
        int n = losses.Length, batches = Batches(n, confidence);
        if (batches < 2) return [];
        var es = new double[batches];
        for (int b = 0; b < batches; b++)
        {
            int start = (int)((long)b * n / batches), end = (int)((long)(b + 1) * n / batches);
            es[b] = TailEstimator.ExpectedShortfall(losses[start..end], confidence);
        }
        return es;
    }

    /// <summary>
    /// Pseudo-values of a full-sample statistic: θ + (θ_b − θ̄)/√B for each batch value θ_b, whose sample sd is the
    /// batch-means standard error of θ. A function f of θ (the margin policy of an ES) then has standard error
    /// sd_b(f(pseudo_b)) to first order, with f evaluated where the full-sample estimate can plausibly be, not at the
    /// √B-times noisier batch values.
    /// </summary>
    /// <param name="estimate">θ, the full-sample value.</param>
    /// <param name="batches">θ_b, one per batch (at least 2).</param>
    /// <returns>One pseudo-value per batch.</returns>
    public static double[] PseudoValues(double estimate, ReadOnlySpan<double> batches)
    {
        double mean = 0;
        foreach (double v in batches) mean += v;
        mean /= batches.Length;
        double scale = 1.0 / Math.Sqrt(batches.Length);
        var result = new double[batches.Length];
        for (int b = 0; b < batches.Length; b++) result[b] = estimate + (batches[b] - mean) * scale;
        return result;
    }

    /// <summary>Sample standard deviation (divisor B − 1).</summary>
    /// <param name="values">Values.</param>
    /// <returns>sd; NaN for fewer than 2 values.</returns>
    public static double StdDev(ReadOnlySpan<double> values) =>
        values.Length < 2 ? double.NaN : Math.Sqrt(SumOfSquares(values) / (values.Length - 1));

    /// <summary>Batch-means standard error of a statistic from its batch values: sd(v_b)/√B.</summary>
    /// <param name="values">One value per batch.</param>
    /// <returns>The standard error; NaN for fewer than 2 batches.</returns>
    public static double StdError(ReadOnlySpan<double> values) =>
        values.Length < 2 ? double.NaN : Math.Sqrt(SumOfSquares(values) / (values.Length - 1) / values.Length);

    /// <summary>Σ (v − v̄)², the mean summed in order first (the operation order of <see cref="TailEstimator"/>'s error).</summary>
    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return ss;
    }
}
