using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;

namespace StressMargin.Compute.Session;

/// <summary>
/// The simulated base paths of a plan, kept for a warm session: ΔV = V1 − V0 per unit (USD) of every plan instrument
/// on every path, one row of n doubles per instrument (<c>[instrument][path]</c>). Simulated once with the CPU
/// backend's own per-block code (<see cref="BlockWorkspace"/>: Philox factors, AVX2 Black-76), so every value is bit for
/// bit the ΔV the CPU backend computes for that (instrument, path) in a run; a what-if then only aggregates rows and
/// reduces the tail. Factor values are a pure function of (seed, path) (docs/model.md §4): a row for an instrument the
/// plan lacks is simulated by a plan with the same factor model, which regenerates the same factors.
/// Immutable once built; safe to read from any number of threads.
/// </summary>
public sealed class DeltaValueRows
{
    private readonly double[][] _rows;
    private readonly Dictionary<string, int> _index;

    private DeltaValueRows(string[] ids, double[][] rows, int paths)
    {
        InstrumentIds = ids;
        _rows = rows;
        PathCount = paths;
        _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++) _index[ids[i]] = i;
    }

    /// <summary>Number of paths n (the length of every row).</summary>
    public int PathCount { get; }

    /// <summary>Instrument ids in plan order.</summary>
    public IReadOnlyList<string> InstrumentIds { get; }

    /// <summary>Memory held by the rows: 8 × instruments × n bytes.</summary>
    public long Bytes => BytesFor(_rows.Length, PathCount);

    /// <summary>Memory rows for a number of instruments and paths would take.</summary>
    /// <param name="instruments">Instruments.</param>
    /// <param name="paths">Paths.</param>
    /// <returns>8 × instruments × paths bytes.</returns>
    public static long BytesFor(int instruments, int paths) => 8L * instruments * paths;

    /// <summary>The ΔV row of an instrument.</summary>
    /// <param name="instrumentId">Instrument id.</param>
    /// <param name="row">ΔV per path (USD per unit), length n, when found.</param>
    /// <returns>Whether the plan held the instrument.</returns>
    public bool TryGetRow(string instrumentId, out ReadOnlyMemory<double> row)
    {
        if (_index.TryGetValue(instrumentId, out int i)) { row = _rows[i]; return true; }
        row = default;
        return false;
    }

    /// <summary>Simulates every path of a plan and keeps each instrument's ΔV row.</summary>
    /// <param name="plan">The plan; its accounts are ignored, every instrument is revalued.</param>
    /// <param name="maxThreads">Worker threads; null uses every logical core.</param>
    /// <param name="blockPaths">Paths per block (a multiple of 4 is used).</param>
    /// <param name="cancellationToken">Cancels between blocks.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DeltaValueRows Simulate(RevaluationPlan plan, int? maxThreads = null, int blockPaths = CpuBackend.DefaultBlockPaths, CancellationToken cancellationToken = default)
    {
        int n = plan.PathCount, count = plan.InstrumentCount;
        var rows = new double[count][];
        for (int i = 0; i < count; i++) rows[i] = new double[n];
        int block = Math.Max(4, (blockPaths + 3) & ~3);
        int blocks = (n + block - 1) / block;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads is > 0 ? maxThreads.Value : Environment.ProcessorCount, CancellationToken = cancellationToken };
        if (count > 0)
            Parallel.For(0, blocks, options,
                () => (Workspace: new BlockWorkspace(plan, block), Paths: new long[block]),
                (b, _, local) =>
                {
                    int first = b * block, lanes = Math.Min(block, n - first);
                    var paths = local.Paths.AsSpan(0, lanes);
                    for (int j = 0; j < lanes; j++) paths[j] = first + j;
                    var ws = local.Workspace;
                    ws.LoadPaths(paths);
                    for (int i = 0; i < count; i++)
                    {
                        ws.Revalue(i);
                        ws.DeltaValue.AsSpan(i * ws.Capacity, lanes).CopyTo(rows[i].AsSpan(first, lanes));
                    }
                    return local;
                },
                _ => { });
        return new DeltaValueRows(plan.InstrumentIds, rows, n);
    }
}
