using System.Diagnostics;
using System.Runtime.Intrinsics;
using StressMargin.Compute.Plan;
using StressMargin.Core.Risk;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// The managed CPU backend, the reference of every other backend. Per chunk of paths:
/// <list type="number">
/// <item><b>simulate</b>: <c>Parallel.For</c> over blocks of paths; per block, factor paths
/// (<see cref="StressMargin.Core.RiskModel.FactorPathMath"/>: Philox, AS 241, Cholesky), then ΔV <c>[instrument, lane]</c>
/// with 256-bit SIMD Black-76, then each account's loss −Σ quantity·multiplier·ΔV into the chunk's loss block
/// <c>[account, path in chunk]</c> (row-major, A × chunk doubles, sized to a memory budget);</item>
/// <item><b>tail</b>: <c>Parallel.For</c> over accounts; each account's losses of the chunk stream into its
/// <see cref="TailAccumulator"/>, which keeps only its best-ranked losses and its batch-means batches, and counts its
/// loss histogram (<see cref="LossHistogram"/>).</item>
/// </list>
/// No path is simulated twice and memory is O(accounts × (chunk + tail)), not O(accounts × n). Then
/// <b>attribution</b>: per account, its ⌊k⌋ + 1 tail paths are regenerated from their path indices and only its own
/// instruments revalued, giving each position's loss on the tail paths and hence its component ES.
/// Every path is computed by the same code whatever block, chunk or thread it falls in, and every reduction runs in a
/// fixed order, so results are bit-identical for any degree of parallelism, block size, chunk size or path range split.
/// </summary>
public sealed class CpuBackend : IComputeBackend
{
    /// <summary>Default paths per block: ΔV for a few hundred instruments stays in the L2 cache.</summary>
    public const int DefaultBlockPaths = 512;

    /// <summary>Default memory for the chunk's loss block: 256 MiB.</summary>
    public const long DefaultLossBlockBytes = 256L << 20;

    /// <summary>Most paths per chunk when memory allows more (enough blocks to keep every thread busy).</summary>
    public const int DefaultMaxChunkPaths = 16_384;

    private readonly int _threads;
    private readonly int _blockPaths;
    private readonly long _lossBlockBytes;
    private readonly int _maxChunkPaths;

    /// <summary>Creates the backend.</summary>
    /// <param name="maxThreads">Worker threads; null or ≤ 0 uses every logical core.</param>
    /// <param name="blockPaths">Paths per block, rounded up to a multiple of 4.</param>
    /// <param name="lossBlockBytes">Memory for the chunk's <c>[account, path]</c> loss block; the chunk is cut to fit
    /// (at least one block). Results do not depend on it.</param>
    /// <param name="maxChunkPaths">Most paths per chunk (rounded to whole blocks); null: the larger of
    /// <see cref="DefaultMaxChunkPaths"/> and four blocks per thread.</param>
    public CpuBackend(int? maxThreads = null, int blockPaths = DefaultBlockPaths, long lossBlockBytes = DefaultLossBlockBytes, int? maxChunkPaths = null)
    {
        _threads = maxThreads is > 0 ? maxThreads.Value : Environment.ProcessorCount;
        _blockPaths = Math.Max(4, (blockPaths + 3) & ~3);
        _lossBlockBytes = Math.Max(8, lossBlockBytes);
        _maxChunkPaths = maxChunkPaths ?? Math.Max(DefaultMaxChunkPaths, 4 * _threads * _blockPaths);
    }

    /// <inheritdoc/>
    public string Name => "cpu";

    /// <inheritdoc/>
    public string Device => $"{CpuModel()}, {_threads} thread{(_threads == 1 ? "" : "s")}, {(Vector256.IsHardwareAccelerated ? "256-bit SIMD" : "SIMD emulated")}";

    /// <summary>Paths per chunk for a book: whole blocks, within the loss-block budget and the chunk cap, at least one block.</summary>
    /// <param name="accounts">Accounts A.</param>
    /// <returns>Paths per chunk.</returns>
    public int ChunkPaths(int accounts)
    {
        long fit = _lossBlockBytes / (8L * Math.Max(1, accounts));
        long paths = Math.Min(fit, _maxChunkPaths) / _blockPaths * _blockPaths;
        return (int)Math.Max(_blockPaths, paths);
    }

    /// <inheritdoc/>
    public SimulationResult Simulate(RevaluationPlan plan, PathRange paths, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        int accounts = plan.AccountCount;
        var layout = new TailLayout(plan.PathCount, plan.EsConfidence, plan.VarConfidence);
        var partial = new TailPartial(layout, accounts, paths.First, paths.End, histograms: true);
        var tails = new TailAccumulator[accounts];
        for (int a = 0; a < accounts; a++) tails[a] = new TailAccumulator(layout, paths.First, paths.End, histogram: true);
        int chunk = Math.Min(ChunkPaths(accounts), (paths.Count + _blockPaths - 1) / _blockPaths * _blockPaths);
        var losses = new double[(long)accounts * chunk];
        int[] instruments = plan.InstrumentsHeldBy(0, accounts);
        var meter = new ProgressMeter("simulate", paths.Count, progress);
        double simulateSeconds = 0, tailSeconds = 0;
        var clock = Stopwatch.StartNew();
        for (int start = paths.First, count; start < paths.End; start += count)
        {
            count = ChunkEnd(layout, start, chunk, paths.End) - start;
            clock.Restart();
            SimulateChunk(plan, start, count, chunk, instruments, losses, options);
            simulateSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            Parallel.For(0, accounts, options, a => tails[a].Add(losses.AsSpan((int)((long)a * chunk), count)));
            tailSeconds += clock.Elapsed.TotalSeconds;
            meter.Add(count);
        }
        clock.Restart();
        for (int a = 0; a < accounts; a++)
        {
            tails[a].WriteTo(partial, a);
            tails[a] = null!; // its buffers can go as the partial fills
        }
        tailSeconds += clock.Elapsed.TotalSeconds;
        var stages = new List<KeyValuePair<string, double>> { new("simulate", simulateSeconds), new("tail", tailSeconds) };
        long workspaceBytes = 8L * _blockPaths * (2L * plan.FactorCount + 2L * plan.Underlyings.Length + plan.InstrumentCount + 2);
        long peak = 8L * losses.LongLength + accounts * TailAccumulator.BytesFor(layout, histogram: true) + _threads * workspaceBytes;
        return new SimulationResult(partial, stages, (long)instruments.Length * paths.Count, peak);
    }

    /// <summary>The end of the chunk that starts at <paramref name="start"/>: start + chunk (or the range end), pulled back
    /// to the last batch-means boundary inside it when there is one, so that the tail receives whole batches (their
    /// buffers start from the previous batch's threshold instead of taking in the batch's first losses).</summary>
    private static int ChunkEnd(TailLayout layout, int start, int chunk, int end)
    {
        int limit = (int)Math.Min((long)start + chunk, end);
        if (limit == end || layout.Batches == 0) return limit;
        int boundary = layout.BatchStart(layout.BatchOf(limit));
        return boundary > start ? boundary : limit;
    }

    /// <summary>Factors, ΔV and account losses of paths [start, start + count) into the loss block, row stride <paramref name="stride"/>.</summary>
    private void SimulateChunk(RevaluationPlan plan, int start, int count, int stride, int[] instruments, double[] losses, ParallelOptions options)
    {
        int blocks = (count + _blockPaths - 1) / _blockPaths;
        Parallel.For(0, blocks, options,
            () => (Workspace: new BlockWorkspace(plan, _blockPaths), Paths: new long[_blockPaths]),
            (b, _, local) =>
            {
                int offset = b * _blockPaths;
                int lanes = Math.Min(_blockPaths, count - offset);
                var pathIndices = local.Paths.AsSpan(0, lanes);
                for (int j = 0; j < lanes; j++) pathIndices[j] = start + offset + j;
                var ws = local.Workspace;
                ws.LoadPaths(pathIndices);
                foreach (int i in instruments) ws.Revalue(i);
                for (int a = 0; a < plan.AccountCount; a++)
                    ws.AccountLoss(a, losses.AsSpan((int)((long)a * stride) + offset, lanes));
                return local;
            },
            _ => { });
    }

    /// <inheritdoc/>
    public double[] Attribute(RevaluationPlan plan, IReadOnlyList<TailEstimate> tails, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        return Attribute(plan, tails, options, progress);
    }

    private double[] Attribute(RevaluationPlan plan, IReadOnlyList<TailEstimate> tails, ParallelOptions options, IProgress<ComputeProgress>? progress)
    {
        var components = new double[plan.PositionCount];
        var meter = new ProgressMeter("attribution", plan.AccountCount, progress);
        Parallel.For(0, plan.AccountCount, options,
            () => (Workspace: new BlockWorkspace(plan, _blockPaths), Paths: new long[_blockPaths]),
            (a, _, local) =>
            {
                var tail = tails[a];
                int first = plan.AccountStart[a], last = plan.AccountStart[a + 1];
                int m = tail.TailPaths.Length;
                // Component ES streamed over the tail in rank order, with the additions of TailRanking.ExpectedShortfall:
                // Σ_{rank < ⌊k⌋} (−w·ΔV), then + frac·(−w·ΔV at rank ⌊k⌋), then / k; memory O(positions), not O(positions × k).
                int whole = (int)Math.Floor(tail.TailSize);
                double frac = tail.TailSize - whole;
                var sums = new double[last - first];
                var atWhole = new double[last - first];
                var instruments = plan.InstrumentsHeldBy(a, a + 1);
                var ws = local.Workspace;
                for (int start = 0; start < m && instruments.Length > 0; start += _blockPaths)
                {
                    int count = Math.Min(_blockPaths, m - start);
                    var paths = local.Paths.AsSpan(0, count);
                    for (int j = 0; j < count; j++) paths[j] = tail.TailPaths[start + j];
                    ws.LoadPaths(paths);
                    foreach (int i in instruments) ws.Revalue(i);
                    for (int p = first; p < last; p++)
                    {
                        int i = plan.PositionInstrument[p];
                        if (i < 0) continue;
                        double w = plan.PositionWeight[p];
                        var dv = ws.DeltaValue.AsSpan(i * ws.Capacity, count);
                        double sum = sums[p - first];
                        for (int j = 0; j < count; j++)
                        {
                            int rank = start + j;
                            double loss = -(w * dv[j]);
                            if (rank < whole) sum += loss;
                            else atWhole[p - first] = loss;
                        }
                        sums[p - first] = sum;
                    }
                }
                for (int p = first; p < last; p++)
                {
                    if (plan.PositionInstrument[p] < 0) { components[p] = 0.0; continue; }
                    double sum = sums[p - first];
                    if (frac > 0) sum += frac * atWhole[p - first];
                    components[p] = sum / tail.TailSize;
                }
                meter.Add(1);
                return local;
            },
            _ => { });
        return components;
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>Thread-safe counter that reports about every 1% of a stage.</summary>
    private sealed class ProgressMeter(string stage, long total, IProgress<ComputeProgress>? progress)
    {
        private long _done;
        private long _reported;

        public void Add(long units)
        {
            if (progress is null) return;
            long done = Interlocked.Add(ref _done, units);
            long step = Math.Max(1, total / 100);
            long last = Interlocked.Read(ref _reported);
            if ((done - last >= step || done == total) && Interlocked.CompareExchange(ref _reported, done, last) == last)
                progress.Report(new ComputeProgress(stage, done, total));
        }
    }
}
