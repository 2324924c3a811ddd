using ILGPU;
using ILGPU.Runtime;
using StressMargin.Compute;
using StressMargin.Core.Risk;
using StressMargin.Kernels;

namespace StressMargin.Gpu;

/// <summary>
/// The device side of the streaming tail: every account's candidate sets and the job table of
/// <see cref="TailSelectKernel"/>. An account has 1 + B sets (slot 0: its best-ranked <see cref="TailLayout.Ranks"/>
/// losses over the range; slot 1 + b: batch b's best <see cref="TailLayout.BatchRanks"/>), laid out
/// <c>[account, Ranks + B·MaxBatchRanks]</c> as (order-preserving key, path) pairs; each chunk adds one job per set it
/// touches. At the end <see cref="ReadBack"/> turns the sets into the <see cref="TailPartial"/> the CPU would produce.
/// </summary>
internal sealed class TailSets(TailLayout layout, int accounts)
{
    private readonly int _slots = 1 + layout.Batches;
    private readonly int _perAccount = layout.Ranks + layout.Batches * layout.MaxBatchRanks;
    private readonly int[] _jobs = new int[(long)accounts * (1 + layout.Batches) * TailSelectKernel.JobInts];

    /// <summary>Device bytes of the sets, their scratch copy, the counts, the job table and the loss histograms.</summary>
    public long DeviceBytes => 2L * 12 * accounts * _perAccount + 2L * 4 * accounts * _slots + 4L * _jobs.Length + 4L * accounts * LossHistogram.BinCount;

    /// <summary>Host bytes to read the sets and histograms back.</summary>
    public long HostBytes => 12L * accounts * _perAccount + 4L * _jobs.Length + 4L * accounts * LossHistogram.BinCount;

    /// <summary>Loss histogram counts <c>[account, bin]</c>.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Histograms { get; private set; } = null!;

    /// <summary>Job table.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Jobs { get; private set; } = null!;
    /// <summary>Candidate keys.</summary>
    public MemoryBuffer1D<ulong, Stride1D.Dense> Keys { get; private set; } = null!;
    /// <summary>Candidate paths.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Paths { get; private set; } = null!;
    /// <summary>Candidates per set <c>[account, slot]</c>.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Counts { get; private set; } = null!;
    /// <summary>Selection output keys (same layout as <see cref="Keys"/>).</summary>
    public MemoryBuffer1D<ulong, Stride1D.Dense> OutKeys { get; private set; } = null!;
    /// <summary>Selection output paths.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> OutPaths { get; private set; } = null!;
    /// <summary>Selection output count per job.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> OutCounts { get; private set; } = null!;

    /// <summary>Allocates the device buffers (zeroed: every set starts empty).</summary>
    /// <param name="memory">Device allocator.</param>
    public void Allocate(DeviceMemory memory)
    {
        long elements = (long)accounts * _perAccount;
        Jobs = memory.Allocate<int>(_jobs.Length);
        Keys = memory.Allocate<ulong>(elements);
        Paths = memory.Allocate<int>(elements);
        Counts = memory.Allocate<int>((long)accounts * _slots);
        OutKeys = memory.Allocate<ulong>(elements);
        OutPaths = memory.Allocate<int>(elements);
        OutCounts = memory.Allocate<int>((long)accounts * _slots);
        Histograms = memory.Allocate<int>((long)accounts * LossHistogram.BinCount);
    }

    /// <summary>Frees the device buffers.</summary>
    /// <param name="memory">Device allocator.</param>
    public void Free(DeviceMemory memory)
    {
        if (Jobs is null) return;
        memory.Free(Histograms);
        memory.Free(OutCounts);
        memory.Free(OutPaths);
        memory.Free(OutKeys);
        memory.Free(Counts);
        memory.Free(Paths);
        memory.Free(Keys);
        memory.Free(Jobs);
    }

    /// <summary>Uploads the jobs of the chunk [start, start + count): per account its range set and the sets of the
    /// batches the chunk overlaps, each with its slice of the chunk.</summary>
    /// <param name="start">First path of the chunk.</param>
    /// <param name="count">Paths in the chunk.</param>
    /// <returns>Number of jobs.</returns>
    public int WriteJobs(int start, int count)
    {
        int end = start + count, jobs = 0;
        int firstBatch = layout.Batches > 0 ? layout.BatchOf(start) : 0, lastBatch = layout.Batches > 0 ? layout.BatchOf(end - 1) : -1;
        for (int a = 0; a < accounts; a++)
        {
            int baseOffset = a * _perAccount;
            Add(ref jobs, a, baseOffset, a * _slots, 0, count, layout.Ranks);
            for (int b = firstBatch; b <= lastBatch; b++)
            {
                int lo = Math.Max(layout.BatchStart(b), start) - start, hi = Math.Min(layout.BatchStart(b + 1), end) - start;
                Add(ref jobs, a, baseOffset + layout.Ranks + b * layout.MaxBatchRanks, a * _slots + 1 + b, lo, hi, layout.BatchRanks(b));
            }
        }
        Jobs.View.AsContiguous().SubView(0, (long)jobs * TailSelectKernel.JobInts).CopyFromCPU(_jobs.AsSpan(0, jobs * TailSelectKernel.JobInts));
        return jobs;
    }

    private void Add(ref int jobs, int account, int offset, int countIndex, int lo, int hi, int m)
    {
        int at = jobs++ * TailSelectKernel.JobInts;
        _jobs[at] = account;
        _jobs[at + 1] = offset;
        _jobs[at + 2] = countIndex;
        _jobs[at + 3] = lo;
        _jobs[at + 4] = hi;
        _jobs[at + 5] = m;
    }

    /// <summary>Reads the sets back into the partial of the range: slot 0 is the account's row; a batch wholly inside
    /// the range gives its ES (from exactly its best-ranked losses, as on the CPU); a batch the range cuts gives its
    /// candidates.</summary>
    /// <param name="range">The simulated range.</param>
    /// <returns>The partial.</returns>
    public TailPartial ReadBack(PathRange range)
    {
        var partial = new TailPartial(layout, accounts, range.First, range.End, histograms: true);
        var counts = Histograms.GetAsArray1D();
        for (int a = 0; a < accounts; a++) partial.Histograms![a] = LossHistogram.FromCounts(counts.AsSpan(a * LossHistogram.BinCount, LossHistogram.BinCount));
        var keys = Keys.GetAsArray1D();
        var paths = Paths.GetAsArray1D();
        var setCounts = Counts.GetAsArray1D();
        var scratch = new TailCandidate[Math.Max(1, layout.MaxBatchRanks)];
        for (int a = 0; a < accounts; a++)
        {
            int baseOffset = a * _perAccount;
            int rowCount = setCounts[a * _slots];
            var row = partial.NewRow(a, rowCount);
            for (int j = 0; j < rowCount; j++) row[j] = new TailCandidate(TailRanking.FromOrderKey(keys[baseOffset + j]), paths[baseOffset + j]);
            for (int b = 0; b < layout.Batches; b++)
            {
                int start = layout.BatchStart(b), end = layout.BatchStart(b + 1);
                if (end <= range.First || start >= range.End) continue;
                int offset = baseOffset + layout.Ranks + b * layout.MaxBatchRanks, count = setCounts[a * _slots + 1 + b];
                for (int j = 0; j < count; j++) scratch[j] = new TailCandidate(TailRanking.FromOrderKey(keys[offset + j]), paths[offset + j]);
                int slot = Array.IndexOf(partial.EdgeBatch, b);
                if (slot < 0)
                {
                    partial.BatchEs[(long)a * layout.Batches + b] = TailRanking.ExpectedShortfall(scratch.AsSpan(0, count), layout.BatchTailSize(b));
                }
                else
                {
                    scratch.AsSpan(0, count).CopyTo(partial.Edge.AsSpan((int)(((long)a * 2 + slot) * layout.MaxBatchRanks)));
                    partial.EdgeCount[a * 2 + slot] = count;
                }
            }
        }
        return partial;
    }
}
