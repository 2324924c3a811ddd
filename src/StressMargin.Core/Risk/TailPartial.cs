namespace StressMargin.Core.Risk;

/// <summary>
/// What the tail estimators need of a contiguous range of paths [<see cref="FirstPath"/>, <see cref="EndPath"/>), for
/// every account of a book (docs/model.md §8, "Streaming tail"): the account's best-ranked losses in the range, up to
/// <see cref="TailLayout.Ranks"/> of them; the ES of each batch-means batch that lies wholly in the range; and for the
/// at most two batches that the range cuts (its first and its last), their best-ranked losses in the range, up to
/// <see cref="TailLayout.MaxBatchRanks"/>. Memory O(accounts × tail), independent of the number of paths.
/// <para>A backend produces one for the range it simulated; <see cref="Merge"/> combines the partials of path shards
/// that tile [0, n) into the partial of the whole run, exactly as one run would have produced it, and
/// <see cref="Reduce"/> turns that into VaR, ES, its standard error and the ES tail paths. An unsharded run goes through
/// the same merge, so sharded and unsharded runs give bit-identical results.</para>
/// Layouts: rows per account (<see cref="RowOf"/>), <see cref="BatchEs"/> <c>[account, batch]</c>,
/// <see cref="Edge"/> <c>[account, slot, MaxBatchRanks]</c>, <see cref="EdgeCount"/> <c>[account, slot]</c>, row-major.
/// </summary>
public sealed class TailPartial
{
    /// <summary>Allocates an empty partial for a range.</summary>
    /// <param name="layout">The run's tail layout.</param>
    /// <param name="accountCount">Accounts A.</param>
    /// <param name="firstPath">First path of the range.</param>
    /// <param name="endPath">End of the range (exclusive), firstPath &lt; endPath ≤ n.</param>
    /// <param name="histograms">Also carry each account's loss histogram on the range (<see cref="Histograms"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An empty or out-of-range path range.</exception>
    public TailPartial(TailLayout layout, int accountCount, int firstPath, int endPath, bool histograms = false)
    {
        if (firstPath < 0 || endPath > layout.PathCount || firstPath >= endPath)
            throw new ArgumentOutOfRangeException(nameof(firstPath), $"path range [{firstPath}, {endPath}) is empty or outside [0, {layout.PathCount})");
        Layout = layout;
        AccountCount = accountCount;
        FirstPath = firstPath;
        EndPath = endPath;
        _rows = new TailCandidate[accountCount][];
        Array.Fill(_rows, []);
        RowCount = new int[accountCount];
        BatchEs = new double[(long)accountCount * layout.Batches];
        Array.Fill(BatchEs, double.NaN);
        EdgeBatch = [-1, -1];
        if (layout.Batches > 0)
        {
            int first = layout.BatchOf(firstPath), last = layout.BatchOf(endPath - 1);
            if (layout.BatchStart(first) < firstPath || layout.BatchStart(first + 1) > endPath) EdgeBatch[0] = first;
            if (last != first && layout.BatchStart(last + 1) > endPath) EdgeBatch[1] = last;
        }
        Edge = new TailCandidate[(long)accountCount * 2 * layout.MaxBatchRanks];
        EdgeCount = new int[accountCount * 2];
        if (histograms) Histograms = new LossHistogram[accountCount];
    }

    /// <summary>The run's tail layout.</summary>
    public TailLayout Layout { get; }
    /// <summary>A, accounts.</summary>
    public int AccountCount { get; }
    /// <summary>First path of the range.</summary>
    public int FirstPath { get; }
    /// <summary>End of the range (exclusive).</summary>
    public int EndPath { get; }
    /// <summary>Best-ranked losses per account, one array each (a book of 100,000 accounts would otherwise need one
    /// array of 1.2 GB next to the producers' buffers); the first <see cref="RowCount"/>[a] of a row are valid, in no
    /// particular order. Set by <see cref="SetRow"/> or <see cref="NewRow"/>.</summary>
    private readonly TailCandidate[][] _rows;
    /// <summary>Valid entries per row: min(Ranks, range length).</summary>
    public int[] RowCount { get; }
    /// <summary>ES of each batch that lies wholly in the range <c>[account, batch]</c>; NaN for the others.</summary>
    public double[] BatchEs { get; }
    /// <summary>The batches cut by the range: slot 0 its first batch, slot 1 its last (−1 where the range does not cut one).
    /// The same for every account.</summary>
    public int[] EdgeBatch { get; }
    /// <summary>Best-ranked losses of the cut batches within the range <c>[account, slot, MaxBatchRanks]</c>.</summary>
    public TailCandidate[] Edge { get; }
    /// <summary>Valid entries per <c>[account, slot]</c>.</summary>
    public int[] EdgeCount { get; }

    /// <summary>Each account's loss histogram on the range (<see cref="LossHistogram"/>; the counts of ranges add up), set
    /// by the producer for every account, or null when it counted none.</summary>
    public LossHistogram[]? Histograms { get; }

    /// <summary>Account a's row candidates.</summary>
    /// <param name="account">Account index.</param>
    /// <returns>The valid entries.</returns>
    public Span<TailCandidate> RowOf(int account) => _rows[account].AsSpan(0, RowCount[account]);

    /// <summary>Makes an array the account's row, without a copy (the producer hands over its buffer and no longer uses it).</summary>
    /// <param name="account">Account index.</param>
    /// <param name="storage">Array whose first <paramref name="count"/> entries are the row's candidates.</param>
    /// <param name="count">Valid entries, at most <see cref="TailLayout.Ranks"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than Ranks candidates, or more than the array holds.</exception>
    public void SetRow(int account, TailCandidate[] storage, int count)
    {
        if (count < 0 || count > Layout.Ranks || count > storage.Length) throw new ArgumentOutOfRangeException(nameof(count), count, $"a row holds at most {Layout.Ranks} candidates");
        _rows[account] = storage;
        RowCount[account] = count;
    }

    /// <summary>Gives the account a new row of <paramref name="count"/> candidates, to be filled by the caller.</summary>
    /// <param name="account">Account index.</param>
    /// <param name="count">Valid entries, at most <see cref="TailLayout.Ranks"/>.</param>
    /// <returns>The row, to fill.</returns>
    /// <exception cref="ArgumentOutOfRangeException">More than Ranks candidates.</exception>
    public Span<TailCandidate> NewRow(int account, int count)
    {
        if (count < 0 || count > Layout.Ranks) throw new ArgumentOutOfRangeException(nameof(count), count, $"a row holds at most {Layout.Ranks} candidates");
        SetRow(account, count == 0 ? [] : new TailCandidate[count], count);
        return RowOf(account);
    }

    /// <summary>Account a's candidates of cut batch slot s.</summary>
    /// <param name="account">Account index.</param>
    /// <param name="slot">0 or 1.</param>
    /// <returns>The valid entries.</returns>
    public Span<TailCandidate> EdgeOf(int account, int slot) =>
        Edge.AsSpan((int)(((long)account * 2 + slot) * Layout.MaxBatchRanks), EdgeCount[account * 2 + slot]);

    /// <summary>
    /// Combines the partials of ranges that tile [0, n) (in any order) into the partial of the whole run: per account
    /// the best-ranked <see cref="TailLayout.Ranks"/> of the union of the rows, and every batch's ES, taken from the
    /// partial that holds the whole batch or computed from the union of the cut batch's candidates; and, when every
    /// partial has them, the sum of the loss histograms.
    /// </summary>
    /// <param name="parts">The partials; one partial covering [0, n) with no cut batch is returned as it is (what a merge
    /// would copy out of it is what it holds: at most Ranks candidates per row, every batch ES).</param>
    /// <returns>A partial of [0, n) with every batch ES and no cut batch.</returns>
    /// <exception cref="ArgumentException">No partial, layouts or account counts that differ, or ranges that leave a
    /// gap or overlap (a missing or duplicated shard).</exception>
    public static TailPartial Merge(IReadOnlyList<TailPartial> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("no partial results to merge", nameof(parts));
        var layout = parts[0].Layout;
        int accounts = parts[0].AccountCount;
        var ordered = parts.OrderBy(p => p.FirstPath).ToArray();
        int expected = 0;
        foreach (var p in ordered)
        {
            if (p.Layout != layout) throw new ArgumentException("partial results of different runs (paths or confidence levels differ)", nameof(parts));
            if (p.AccountCount != accounts) throw new ArgumentException($"partial results with {p.AccountCount} and {accounts} accounts", nameof(parts));
            if (p.FirstPath != expected)
                throw new ArgumentException(p.FirstPath > expected
                    ? $"paths [{expected}, {p.FirstPath}) are in no partial result (a shard is missing)"
                    : $"paths [{p.FirstPath}, {Math.Min(expected, p.EndPath)}) are in two partial results (a shard is duplicated)", nameof(parts));
            expected = p.EndPath;
        }
        if (expected != layout.PathCount) throw new ArgumentException($"paths [{expected}, {layout.PathCount}) are in no partial result (a shard is missing)", nameof(parts));
        if (ordered is [{ EdgeBatch: [< 0, < 0] } single]) return single;

        var merged = new TailPartial(layout, accounts, 0, layout.PathCount, histograms: ordered.All(p => p.Histograms is not null));
        var scratch = new TailCandidate[Math.Max(layout.Ranks, layout.MaxBatchRanks) * ordered.Length];
        for (int a = 0; a < accounts; a++)
        {
            int count = 0;
            foreach (var p in ordered)
            {
                p.RowOf(a).CopyTo(scratch.AsSpan(count));
                count += p.RowCount[a];
            }
            int keep = Math.Min(count, layout.Ranks);
            if (count > keep) TailRanking.SelectBest(scratch.AsSpan(0, count), keep);
            scratch.AsSpan(0, keep).CopyTo(merged.NewRow(a, keep));
            if (merged.Histograms is { } histograms)
            {
                histograms[a] = new LossHistogram();
                foreach (var p in ordered) histograms[a].Merge(p.Histograms![a]);
            }

            for (int b = 0; b < layout.Batches; b++)
            {
                double es = double.NaN;
                int union = 0;
                foreach (var p in ordered)
                {
                    double whole = p.BatchEs[(long)a * layout.Batches + b];
                    if (!double.IsNaN(whole)) es = whole;
                    for (int slot = 0; slot < 2; slot++)
                        if (p.EdgeBatch[slot] == b)
                        {
                            p.EdgeOf(a, slot).CopyTo(scratch.AsSpan(union));
                            union += p.EdgeCount[a * 2 + slot];
                        }
                }
                if (double.IsNaN(es))
                {
                    var set = scratch.AsSpan(0, union);
                    TailRanking.SelectBest(set, layout.BatchRanks(b));
                    es = TailRanking.ExpectedShortfall(set[..layout.BatchRanks(b)], layout.BatchTailSize(b));
                }
                merged.BatchEs[(long)a * layout.Batches + b] = es;
            }
        }
        return merged;
    }

    /// <summary>VaR, ES, the batch-means standard error and the ES tail paths of every account (docs/model.md §8),
    /// from a partial of the whole run (<see cref="Merge"/>).</summary>
    /// <returns>One estimate per account.</returns>
    /// <exception cref="InvalidOperationException">The partial does not cover [0, n) or lacks a batch ES.</exception>
    public TailEstimate[] Reduce()
    {
        if (FirstPath != 0 || EndPath != Layout.PathCount) throw new InvalidOperationException("only the partial of the whole path range can be reduced; merge the shards first");
        var tails = new TailEstimate[AccountCount];
        var ranked = new TailCandidate[Layout.Ranks];
        Span<double> es = stackalloc double[TailEstimator.MaxBatches];
        for (int a = 0; a < AccountCount; a++)
        {
            RowOf(a).CopyTo(ranked);
            double expectedShortfall = TailRanking.ExpectedShortfall(ranked, Layout.EsTailSize);
            double var = ranked[Layout.VarRanks - 1].Loss;
            double stdError = double.NaN;
            int batches = Layout.Batches;
            if (batches >= 2)
            {
                double mean = 0;
                for (int b = 0; b < batches; b++)
                {
                    es[b] = BatchEs[(long)a * batches + b];
                    if (double.IsNaN(es[b])) throw new InvalidOperationException($"batch {b} of account {a} has no ES");
                    mean += es[b];
                }
                mean /= batches;
                double ss = 0;
                for (int b = 0; b < batches; b++) ss += (es[b] - mean) * (es[b] - mean);
                stdError = Math.Sqrt(ss / (batches - 1) / batches);
            }
            var paths = new int[Layout.EsRanks];
            for (int r = 0; r < paths.Length; r++) paths[r] = ranked[r].Path;
            tails[a] = new TailEstimate(var, expectedShortfall, stdError, Layout.EsTailSize, paths);
        }
        return tails;
    }
}
