using System.Diagnostics;
using System.Runtime.Intrinsics;
using StressMargin.Compute.Plan;
using StressMargin.Core.Risk;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// The managed CPU backend. Three passes:
/// <list type="number">
/// <item><b>simulate</b>: <c>Parallel.For</c> over blocks of paths; per block, factor paths (Philox, AS 241,
/// Cholesky), then ΔV <c>[instrument, path]</c> with AVX2 Black-76, then each account's loss row
/// −Σ quantity·multiplier·ΔV into the loss matrix <c>[account, path]</c> (row-major, A × n doubles). When A × n
/// doubles exceed the memory budget, accounts are processed in groups and each group re-simulates the same paths,
/// revaluing only the instruments its accounts hold.</item>
/// <item><b>tail</b>: <c>Parallel.For</c> over accounts; VaR, ES and its batch-means error by selection, and the
/// account's loss histogram (<see cref="LossHistogram"/>) from the same loss row.</item>
/// <item><b>attribution</b>: per account, its ⌊k⌋ + 1 tail paths are regenerated from their path indices and only
/// its own instruments revalued, giving each position's loss on the tail paths and hence its component ES.</item>
/// </list>
/// Every path is computed by the same code whatever block or thread it falls in, and every reduction runs in a
/// fixed order, so results are bit-identical for any degree of parallelism.
/// </summary>
public sealed class CpuBackend : IComputeBackend
{
    /// <summary>Default paths per block: ΔV for a few hundred instruments stays in the L2 cache.</summary>
    public const int DefaultBlockPaths = 512;

    /// <summary>Default memory for the loss matrix: 2 GiB, i.e. 2,684 accounts per group at 100,000 paths.</summary>
    public const long DefaultLossMatrixBytes = 2L << 30;

    private readonly int _threads;
    private readonly int _blockPaths;
    private readonly long _lossMatrixBytes;

    /// <summary>Creates the backend.</summary>
    /// <param name="maxThreads">Worker threads; null or ≤ 0 uses every logical core.</param>
    /// <param name="blockPaths">Paths per block, rounded up to a multiple of 4.</param>
    /// <param name="lossMatrixBytes">Memory for the <c>[account, path]</c> loss matrix. Books that need more are
    /// processed in groups of accounts, each group re-simulating the same paths (identical results, more time).</param>
    public CpuBackend(int? maxThreads = null, int blockPaths = DefaultBlockPaths, long lossMatrixBytes = DefaultLossMatrixBytes)
    {
        _threads = maxThreads is > 0 ? maxThreads.Value : Environment.ProcessorCount;
        _blockPaths = Math.Max(4, (blockPaths + 3) & ~3);
        _lossMatrixBytes = Math.Max(8, lossMatrixBytes);
    }

    /// <inheritdoc/>
    public string Name => "cpu";

    /// <inheritdoc/>
    public string Device => $"{CpuModel()}, {_threads} thread{(_threads == 1 ? "" : "s")}, {(Vector256.IsHardwareAccelerated ? "256-bit SIMD" : "SIMD emulated")}";

    /// <summary>Accounts whose loss rows fit the loss-matrix budget at once (at least one).</summary>
    /// <param name="paths">Paths n.</param>
    /// <param name="accounts">Accounts A.</param>
    /// <returns>Accounts per group.</returns>
    public int AccountsPerGroup(int paths, int accounts) =>
        (int)Math.Clamp(Math.Min(_lossMatrixBytes / (8L * paths), Array.MaxLength / paths), 1, Math.Max(accounts, 1));

    /// <inheritdoc/>
    public BookRisk Run(RevaluationPlan plan, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        int n = plan.PathCount, accounts = plan.AccountCount;
        int perGroup = AccountsPerGroup(n, accounts);
        int groups = (accounts + perGroup - 1) / perGroup;
        var losses = new double[(long)Math.Min(perGroup, accounts) * n];
        var tails = new TailEstimate[accounts];
        var histograms = new LossHistogram[accounts];
        var simulateMeter = new ProgressMeter("simulate", (long)n * groups, progress);
        var tailMeter = new ProgressMeter("tail", accounts, progress);
        double simulateSeconds = 0, tailSeconds = 0;
        long revaluations = 0;
        var clock = Stopwatch.StartNew();
        for (int first = 0; first < accounts; first += perGroup)
        {
            int last = Math.Min(accounts, first + perGroup);
            int[] instruments = plan.InstrumentsHeldBy(first, last);
            clock.Restart();
            Simulate(plan, first, last, instruments, losses, options, simulateMeter);
            simulateSeconds += clock.Elapsed.TotalSeconds;
            revaluations += (long)instruments.Length * n;
            clock.Restart();
            ReduceTails(plan, first, last, losses, tails, histograms, options, tailMeter);
            tailSeconds += clock.Elapsed.TotalSeconds;
        }

        clock.Restart();
        var components = Attribute(plan, tails, options, progress);
        var stages = new List<KeyValuePair<string, double>>
        {
            new("simulate", simulateSeconds), new("tail", tailSeconds), new("attribution", clock.Elapsed.TotalSeconds),
        };
        long workspaceBytes = 8L * _blockPaths * (plan.FactorCount + 2L * plan.Underlyings.Length + plan.InstrumentCount + 2);
        long peak = 8L * losses.LongLength + _threads * (workspaceBytes + 8L * n) + 8L * LossHistogram.BinCount * accounts;
        return new BookRisk(tails, components, stages, revaluations, peak, groups, Histograms: histograms);
    }

    private void Simulate(RevaluationPlan plan, int firstAccount, int lastAccount, int[] instruments, double[] losses, ParallelOptions options, ProgressMeter meter)
    {
        int n = plan.PathCount;
        int blocks = (n + _blockPaths - 1) / _blockPaths;
        Parallel.For(0, blocks, options,
            () => (Workspace: new BlockWorkspace(plan, _blockPaths), Paths: new long[_blockPaths]),
            (b, _, local) =>
            {
                int first = b * _blockPaths;
                int count = Math.Min(_blockPaths, n - first);
                var paths = local.Paths.AsSpan(0, count);
                for (int j = 0; j < count; j++) paths[j] = first + j;
                var ws = local.Workspace;
                ws.LoadPaths(paths);
                foreach (int i in instruments) ws.Revalue(i);
                for (int a = firstAccount; a < lastAccount; a++)
                    ws.AccountLoss(a, losses.AsSpan((a - firstAccount) * n + first, count));
                meter.Add(count);
                return local;
            },
            _ => { });
    }

    private static void ReduceTails(RevaluationPlan plan, int firstAccount, int lastAccount, double[] losses, TailEstimate[] tails, LossHistogram[] histograms, ParallelOptions options, ProgressMeter meter)
    {
        int n = plan.PathCount;
        Parallel.For(firstAccount, lastAccount, options,
            () => new TailEstimator(),
            (a, _, estimator) =>
            {
                var row = losses.AsSpan((a - firstAccount) * n, n);
                tails[a] = estimator.Estimate(row, plan.EsConfidence, plan.VarConfidence);
                // The histogram takes each loss once in any order, so a streaming tail can fill it block by block.
                var histogram = new LossHistogram();
                histogram.Add(row);
                histograms[a] = histogram;
                meter.Add(1);
                return estimator;
            },
            _ => { });
    }

    private double[] Attribute(RevaluationPlan plan, TailEstimate[] tails, ParallelOptions options, IProgress<ComputeProgress>? progress)
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
                // Component ES streamed over the tail in rank order, with the additions of TailEstimator.WeightedTail:
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
