namespace StressMargin.Core.Risk;

/// <summary>
/// The tail quantities of an n-path run at confidences α_ES and α_VaR (docs/model.md §8): how many of each account's
/// largest losses the estimators need, and the batches of the batch-means standard error. Every backend, every
/// path shard and the merge of shards use the same layout, so they keep the same candidates.
/// <list type="bullet">
/// <item>k = n(1 − α_ES) (<see cref="TailEstimator.TailSize"/>), ES needs the ⌊k⌋ + 1 largest losses, VaR the
/// ⌊k_VaR⌋ + 1 largest; <see cref="Ranks"/> = the larger of the two.</item>
/// <item>B = min(20, ⌊k/10⌋) contiguous batches [⌊b·n/B⌋, ⌊(b + 1)·n/B⌋) (none when B &lt; 2: the error is not
/// estimable); batch b needs its ⌊k_b⌋ + 1 largest losses, k_b = n_b(1 − α_ES).</item>
/// </list>
/// </summary>
public sealed record TailLayout
{
    /// <summary>Builds the layout.</summary>
    /// <param name="pathCount">n ≥ 1.</param>
    /// <param name="esConfidence">α_ES in (0, 1).</param>
    /// <param name="varConfidence">α_VaR in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or a confidence outside (0, 1).</exception>
    public TailLayout(int pathCount, double esConfidence, double varConfidence)
    {
        PathCount = pathCount;
        EsConfidence = esConfidence;
        VarConfidence = varConfidence;
        EsTailSize = TailEstimator.TailSize(pathCount, esConfidence);
        VarTailSize = TailEstimator.TailSize(pathCount, varConfidence);
        EsRanks = (int)Math.Floor(EsTailSize) + 1;
        VarRanks = (int)Math.Floor(VarTailSize) + 1;
        Ranks = Math.Max(EsRanks, VarRanks);
        int batches = Math.Min(TailEstimator.MaxBatches, (int)Math.Floor(EsTailSize / TailEstimator.MinTailPathsPerBatch));
        Batches = batches >= 2 ? batches : 0;
        int most = 0;
        for (int b = 0; b < Batches; b++) most = Math.Max(most, BatchRanks(b));
        MaxBatchRanks = most;
    }

    /// <summary>n.</summary>
    public int PathCount { get; }
    /// <summary>α_ES.</summary>
    public double EsConfidence { get; }
    /// <summary>α_VaR.</summary>
    public double VarConfidence { get; }
    /// <summary>k = n(1 − α_ES), snapped.</summary>
    public double EsTailSize { get; }
    /// <summary>n(1 − α_VaR), snapped.</summary>
    public double VarTailSize { get; }
    /// <summary>⌊k⌋ + 1: the ES tail paths.</summary>
    public int EsRanks { get; }
    /// <summary>⌊k_VaR⌋ + 1: VaR is the loss at this rank.</summary>
    public int VarRanks { get; }
    /// <summary>M = max(<see cref="EsRanks"/>, <see cref="VarRanks"/>): the largest losses kept per account.</summary>
    public int Ranks { get; }
    /// <summary>B, batches of the standard error; 0 when k &lt; 20.</summary>
    public int Batches { get; }
    /// <summary>The largest ⌊k_b⌋ + 1 over the batches (0 without batches).</summary>
    public int MaxBatchRanks { get; }

    /// <summary>First path of batch b: ⌊b·n/B⌋.</summary>
    /// <param name="b">Batch index in [0, B].</param>
    /// <returns>Path index (n for b = B).</returns>
    public int BatchStart(int b) => (int)((long)b * PathCount / Batches);

    /// <summary>k_b = n_b(1 − α_ES) of batch b.</summary>
    /// <param name="b">Batch index.</param>
    /// <returns>The batch's tail size.</returns>
    public double BatchTailSize(int b) => TailEstimator.TailSize(BatchStart(b + 1) - BatchStart(b), EsConfidence);

    /// <summary>⌊k_b⌋ + 1: the largest losses batch b's ES needs.</summary>
    /// <param name="b">Batch index.</param>
    /// <returns>The count.</returns>
    public int BatchRanks(int b) => (int)Math.Floor(BatchTailSize(b)) + 1;

    /// <summary>The batch that holds a path.</summary>
    /// <param name="path">Path index in [0, n).</param>
    /// <returns>b with BatchStart(b) ≤ path &lt; BatchStart(b + 1); −1 without batches.</returns>
    public int BatchOf(int path)
    {
        if (Batches == 0) return -1;
        int b = (int)((long)path * Batches / PathCount);
        while (b > 0 && BatchStart(b) > path) b--;
        while (b + 1 < Batches && BatchStart(b + 1) <= path) b++;
        return b;
    }
}
