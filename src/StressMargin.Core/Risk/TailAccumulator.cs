using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StressMargin.Core.Risk;

/// <summary>
/// The streaming tail of one account on the CPU (docs/model.md §8, "Streaming tail"): it receives the account's losses
/// path by path, in increasing path order, in blocks of any size, and keeps only what <see cref="TailPartial"/> needs:
/// the best-ranked <see cref="TailLayout.Ranks"/> losses of the range, the best-ranked losses of the current batch-means
/// batch (its ES is computed as soon as the batch is complete), and the candidates of a batch that the range cuts.
/// <para>Each buffer (<see cref="TailBuffer"/>) holds up to 1.5 times its target (a batch's four times, at least 64): a loss is appended
/// when it ranks above the worst loss kept (every path arrives after the kept ones, so an equal loss ranks below and is
/// left out), and when a buffer is full it is cut back to at least its target (<see cref="TailRanking.Prune"/>: a
/// threshold from every 8th loss, exact quickselect when it misses); the final sets are cut to exactly their targets
/// (<see cref="TailRanking.SelectBest"/>). An empty buffer (the row at the start, each batch when it opens) takes its
/// first threshold from a sample of the block it is about to scan, so it does not take in the block's first losses
/// wholesale. Losses that cannot enter are skipped four at a time with one vector comparison. Memory
/// O(Ranks + MaxBatchRanks); time O(n) plus O(Ranks·log(n/Ranks)) expected.</para>
/// Not thread-safe: one accumulator is fed by one thread at a time.
/// </summary>
public sealed class TailAccumulator
{
    /// <summary>Batch buffers hold four times their target, and at least 64 candidates (batches are small: fewer cuts).</summary>
    private static int BatchCapacity(int ranks) => Math.Max(64, 4 * ranks);

    /// <summary>The row buffer holds 1.5 times its target: every account of the book holds one for the whole run, and
    /// a seeded buffer rarely fills (a cut costs O(target), a few per account per run).</summary>
    private static int RowCapacity(int ranks) => ranks + Math.Max(16, ranks / 2);

    private readonly TailLayout _layout;
    private readonly int _firstPath;
    private readonly int _endPath;
    private readonly TailBuffer _row;
    private readonly TailBuffer _batch;
    private int _batchIndex;
    private int _batchEnd;
    private double _batchHint = double.NaN;
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
        _row = new TailBuffer(RowCapacity(layout.Ranks));
        _row.Reset(layout.Ranks);
        _batch = new TailBuffer(BatchCapacity(layout.MaxBatchRanks));
        _batchEs = new double[layout.Batches];
        Array.Fill(_batchEs, double.NaN);
        OpenBatch(layout.BatchOf(firstPath));
    }

    /// <summary>Bytes held by one accumulator of this layout (for memory estimates).</summary>
    /// <param name="layout">The layout.</param>
    /// <returns>Approximate bytes.</returns>
    /// <param name="histogram">Whether it counts a histogram.</param>
    public static long BytesFor(TailLayout layout, bool histogram) => 12L * (RowCapacity(layout.Ranks) + BatchCapacity(layout.MaxBatchRanks) + layout.MaxBatchRanks) + 8L * layout.Batches + 192
        + (histogram ? 4L * 640 : 0); // a typical window of 300-600 bins (LossHistogram), not the whole grid

    /// <summary>Adds the losses of the next paths (the first continues where the previous block ended).</summary>
    /// <param name="losses">Losses of consecutive paths (USD).</param>
    /// <exception cref="ArgumentException">A non-finite loss (names the path).</exception>
    /// <exception cref="InvalidOperationException">More losses than the range has paths.</exception>
    public void Add(ReadOnlySpan<double> losses)
    {
        if (losses.Length > _endPath - _next) throw new InvalidOperationException($"paths beyond the range end {_endPath}");
        int i = 0, blockFirstPath = _next;
        _row.Seed(losses);
        while (i < losses.Length)
        {
            var segment = losses.Slice(i, Math.Min(losses.Length - i, _batchEnd - _next));
            // A whole batch reuses the previous batch's τ̂ (same distribution, no sampling); others sample their segment.
            if (_batchIndex >= 0 && !double.IsNaN(_batchHint) && _next == _layout.BatchStart(_batchIndex) && _next + segment.Length == _batchEnd) _batch.SeedAt(_batchHint);
            else _batch.Seed(segment);
            _batchHint = _batch.Seeded;
            Scan(segment, _next, _row, _batch);
            // A seed that the segment did not bear out (rare): that buffer takes the segment again, unseeded.
            if (!_batch.SeedHeld())
            {
                _batch.Reset(_batch.Target);
                Scan(segment, _next, _batch, null);
                _batchHint = double.NaN;
            }
            i += segment.Length;
            _next += segment.Length;
            if (_next == _batchEnd) FinishBatch();
        }
        if (!_row.SeedHeld())
        {
            _row.Reset(_layout.Ranks);
            Scan(losses, blockFirstPath, _row, null);
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
        // The row buffer becomes the partial's row (no copy: at the end of a run every account's buffer and row would
        // otherwise be held at once); the accumulator is finished.
        partial.SetRow(account, _row.Storage, _row.Trim().Length);
        _batchEs.CopyTo(partial.BatchEs.AsSpan((int)((long)account * _layout.Batches)));
        if (partial.Histograms is { } histograms)
            histograms[account] = _histogram ?? throw new InvalidOperationException("the partial carries histograms; this accumulator counted none");
        for (int slot = 0; slot < 2; slot++)
        {
            int b = partial.EdgeBatch[slot];
            if (b < 0) continue;
            // The first batch's candidates were set aside when it ended inside the range; the last batch is still open.
            Span<TailCandidate> source = b == _batchIndex && _next < _batchEnd ? _batch.Trim() : _leading;
            source.CopyTo(partial.Edge.AsSpan((int)(((long)account * 2 + slot) * _layout.MaxBatchRanks)));
            partial.EdgeCount[account * 2 + slot] = source.Length;
        }
    }

    /// <summary>Offers each loss above a buffer's threshold to that buffer (<paramref name="second"/> may be null).</summary>
    private static void Scan(ReadOnlySpan<double> losses, int firstPath, TailBuffer first, TailBuffer? second)
    {
        int n = losses.Length, j = 0;
        double Lowest() => second is null ? first.Threshold : Math.Min(first.Threshold, second.Threshold);
        if (Vector256.IsHardwareAccelerated)
        {
            ref double l0 = ref MemoryMarshal.GetReference(losses);
            var threshold = Vector256.Create(Lowest());
            for (; j + 4 <= n; j += 4)
            {
                var v = Vector256.LoadUnsafe(ref l0, (nuint)j);
                // v − v is 0 for a finite loss and NaN for ±∞ and NaN, which must reach Offer to be reported.
                uint enter = (Vector256.GreaterThan(v, threshold) | ~Vector256.Equals(v - v, Vector256<double>.Zero)).ExtractMostSignificantBits();
                if (enter == 0) continue;
                // Lanes below every threshold cannot enter now or later (thresholds only rise).
                for (int l = 0; l < 4; l++)
                    if ((enter & (1u << l)) != 0) Offer(losses[j + l], firstPath + j + l, first, second);
                threshold = Vector256.Create(Lowest());
            }
        }
        for (; j < n; j++) Offer(losses[j], firstPath + j, first, second);
    }

    private static void Offer(double loss, int path, TailBuffer first, TailBuffer? second)
    {
        if (!double.IsFinite(loss)) throw new ArgumentException($"loss on path {path} is not finite ({loss})", "losses");
        if (loss > first.Threshold) first.Offer(loss, path);
        if (second is not null && loss > second.Threshold) second.Offer(loss, path);
    }

    private void FinishBatch()
    {
        int b = _batchIndex;
        if (b < 0) return;
        var set = _batch.Trim();
        if (_layout.BatchStart(b) >= _firstPath) _batchEs[b] = TailRanking.ExpectedShortfall(set, _layout.BatchTailSize(b));
        else _leading = set.ToArray();
        OpenBatch(b + 1 < _layout.Batches ? b + 1 : -1);
    }

    /// <summary>Makes batch b the open one (−1: none, every later path is past the last batch).</summary>
    private void OpenBatch(int b)
    {
        _batchIndex = b;
        _batchEnd = b < 0 ? int.MaxValue : _layout.BatchStart(b + 1);
        _batch.Reset(b < 0 ? 0 : _layout.BatchRanks(b));
    }
}
