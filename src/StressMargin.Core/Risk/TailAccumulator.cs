using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StressMargin.Core.Risk;

/// <summary>
/// The streaming tail of one account on the CPU (docs/model.md §8, "Streaming tail"): it receives the account's losses
/// path by path, in increasing path order, in blocks of any size, and keeps only what <see cref="TailPartial"/> needs:
/// the best-ranked <see cref="TailLayout.Ranks"/> losses of the range, the best-ranked losses of the current batch-means
/// batch (its ES is computed as soon as the batch is complete), and the candidates of a batch that the range cuts.
/// <para>Each buffer holds up to twice its target: a loss is appended when it ranks above the worst loss kept (every path
/// arrives after the kept ones, so an equal loss ranks below and is left out), and when a buffer is full it is cut back to
/// at least its target (<see cref="TailRanking.Prune"/>: a threshold from every 8th loss, exact quickselect when it misses);
/// the final sets are cut to exactly their targets (<see cref="TailRanking.SelectBest"/>). Losses that cannot enter are skipped four at a time
/// with one vector comparison. Memory O(Ranks + MaxBatchRanks); time O(n) plus O(Ranks·log(n/Ranks)) expected.</para>
/// Not thread-safe: one accumulator is fed by one thread at a time.
/// </summary>
public sealed class TailAccumulator
{
    /// <summary>Batch buffers hold four times their target, and at least 64 candidates (batches are small: fewer cuts).</summary>
    private static int BatchCapacity(int ranks) => Math.Max(64, 4 * ranks);

    private readonly TailLayout _layout;
    private readonly int _firstPath;
    private readonly int _endPath;
    private readonly TailCandidate[] _row;
    private int _rowCount;
    private double _rowThreshold = double.NegativeInfinity;
    private readonly TailCandidate[] _batch;
    private int _batchCount;
    private double _batchThreshold = double.NegativeInfinity;
    private int _batchIndex;
    private int _batchEnd;
    private int _batchTarget;
    private readonly double[] _batchEs;
    private TailCandidate[] _leading = [];
    private readonly LossHistogram? _histogram;
    private int _next;

    /// <summary>Starts an account's tail for the paths [firstPath, endPath).</summary>
    /// <param name="layout">The run's tail layout.</param>
    /// <param name="firstPath">First path of the range.</param>
    /// <param name="endPath">End of the range (exclusive).</param>
    /// <param name="histogram">Also count the losses on the fixed grid of <see cref="LossHistogram"/>.</param>
    public TailAccumulator(TailLayout layout, int firstPath, int endPath, bool histogram = false)
    {
        _histogram = histogram ? new LossHistogram() : null;
        _layout = layout;
        _firstPath = firstPath;
        _endPath = endPath;
        _next = firstPath;
        _row = new TailCandidate[2 * layout.Ranks];
        _batch = new TailCandidate[BatchCapacity(layout.MaxBatchRanks)];
        _batchEs = new double[layout.Batches];
        Array.Fill(_batchEs, double.NaN);
        OpenBatch(layout.BatchOf(firstPath));
    }

    /// <summary>Bytes held by one accumulator of this layout (for memory estimates).</summary>
    /// <param name="layout">The layout.</param>
    /// <returns>Approximate bytes.</returns>
    /// <param name="histogram">Whether it counts a histogram.</param>
    public static long BytesFor(TailLayout layout, bool histogram) => 12L * (2 * layout.Ranks + BatchCapacity(layout.MaxBatchRanks) + layout.MaxBatchRanks) + 8L * layout.Batches + 128
        + (histogram ? 4L * LossHistogram.BinCount : 0);

    /// <summary>Adds the losses of the next paths (the first continues where the previous block ended).</summary>
    /// <param name="losses">Losses of consecutive paths (USD).</param>
    /// <exception cref="ArgumentException">A non-finite loss (names the path).</exception>
    /// <exception cref="InvalidOperationException">More losses than the range has paths.</exception>
    public void Add(ReadOnlySpan<double> losses)
    {
        if (losses.Length > _endPath - _next) throw new InvalidOperationException($"paths beyond the range end {_endPath}");
        int i = 0;
        while (i < losses.Length)
        {
            int segment = Math.Min(losses.Length - i, _batchEnd - _next);
            Scan(losses.Slice(i, segment), _next);
            i += segment;
            _next += segment;
            if (_next == _batchEnd) FinishBatch();
        }
        // After the scan, which has rejected any non-finite loss with its path.
        _histogram?.AddFinite(losses);
    }

    /// <summary>Writes the account's candidates and batch results into a partial of the same range.</summary>
    /// <param name="partial">The partial (its range must be this accumulator's).</param>
    /// <param name="account">The account's index in the partial.</param>
    /// <exception cref="InvalidOperationException">Not every path of the range was added.</exception>
    public void WriteTo(TailPartial partial, int account)
    {
        if (_next != _endPath || partial.FirstPath != _firstPath || partial.EndPath != _endPath)
            throw new InvalidOperationException($"the accumulator holds paths [{_firstPath}, {_next}) of [{_firstPath}, {_endPath}); the partial covers [{partial.FirstPath}, {partial.EndPath})");
        int keep = Math.Min(_rowCount, _layout.Ranks);
        if (_rowCount > keep) TailRanking.SelectBest(_row.AsSpan(0, _rowCount), keep);
        _row.AsSpan(0, keep).CopyTo(partial.Row.AsSpan((int)((long)account * _layout.Ranks)));
        partial.RowCount[account] = keep;
        _batchEs.CopyTo(partial.BatchEs.AsSpan((int)((long)account * _layout.Batches)));
        if (partial.Histograms is { } histograms)
            histograms[account] = _histogram ?? throw new InvalidOperationException("the partial carries histograms; this accumulator counted none");
        for (int slot = 0; slot < 2; slot++)
        {
            int b = partial.EdgeBatch[slot];
            if (b < 0) continue;
            // The first batch's candidates were set aside when it ended inside the range; the last batch is still open.
            Span<TailCandidate> source = b == _batchIndex && _next < _batchEnd ? Trim(b) : _leading;
            source.CopyTo(partial.Edge.AsSpan((int)(((long)account * 2 + slot) * _layout.MaxBatchRanks)));
            partial.EdgeCount[account * 2 + slot] = source.Length;
        }
    }

    private void Scan(ReadOnlySpan<double> losses, int firstPath)
    {
        int n = losses.Length, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double l0 = ref MemoryMarshal.GetReference(losses);
            var threshold = Vector256.Create(Math.Min(_rowThreshold, _batchThreshold));
            for (; j + 4 <= n; j += 4)
            {
                var v = Vector256.LoadUnsafe(ref l0, (nuint)j);
                uint enter = (Vector256.GreaterThan(v, threshold) | ~Vector256.Equals(v, v)).ExtractMostSignificantBits();
                if (enter == 0) continue;
                // Lanes below both thresholds cannot enter now or later (thresholds only rise).
                for (int l = 0; l < 4; l++)
                    if ((enter & (1u << l)) != 0) Offer(losses[j + l], firstPath + j + l);
                threshold = Vector256.Create(Math.Min(_rowThreshold, _batchThreshold));
            }
        }
        for (; j < n; j++) Offer(losses[j], firstPath + j);
    }

    private void Offer(double loss, int path)
    {
        if (!double.IsFinite(loss)) throw new ArgumentException($"loss on path {path} is not finite ({loss})", "losses");
        if (loss > _rowThreshold)
        {
            if (_rowCount == _row.Length) _rowThreshold = TailRanking.Prune(_row, _layout.Ranks, out _rowCount);
            if (loss > _rowThreshold) _row[_rowCount++] = new TailCandidate(loss, path);
        }
        if (loss > _batchThreshold)
        {
            if (_batchCount == _batch.Length) _batchThreshold = TailRanking.Prune(_batch.AsSpan(0, _batchCount), _batchTarget, out _batchCount);
            if (loss > _batchThreshold) _batch[_batchCount++] = new TailCandidate(loss, path);
        }
    }

    /// <summary>The open batch's best-ranked candidates (cut back to the batch's target).</summary>
    private Span<TailCandidate> Trim(int b)
    {
        int keep = Math.Min(_batchCount, _batchTarget);
        if (_batchCount > keep) TailRanking.SelectBest(_batch.AsSpan(0, _batchCount), keep);
        _batchCount = keep;
        return _batch.AsSpan(0, keep);
    }

    private void FinishBatch()
    {
        int b = _batchIndex;
        if (b < 0) return;
        var set = Trim(b);
        if (_layout.BatchStart(b) >= _firstPath) _batchEs[b] = TailRanking.ExpectedShortfall(set, _layout.BatchTailSize(b));
        else _leading = set.ToArray();
        OpenBatch(b + 1 < _layout.Batches ? b + 1 : -1);
    }

    /// <summary>Makes batch b the open one (−1: none, every later path is past the last batch).</summary>
    private void OpenBatch(int b)
    {
        _batchIndex = b;
        _batchCount = 0;
        _batchEnd = b < 0 ? int.MaxValue : _layout.BatchStart(b + 1);
        _batchTarget = b < 0 ? 0 : _layout.BatchRanks(b);
        _batchThreshold = b < 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }
}
