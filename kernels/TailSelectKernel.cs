using ILGPU;
using StressMargin.Core.Risk;

namespace StressMargin.Kernels;

/// <summary>
/// Kernel 4, the GPU side of the streaming tail (docs/model.md §8 and "GPU backend"): one group per job, a job being
/// an account's candidate set (its best-ranked losses so far: the whole range's, or one batch-means batch's) to be
/// merged with the account's losses on a slice of the chunk. The sequence S = (the set, in path order) then (the slice,
/// in path order) is reduced to its m best-ranked elements, still in path order, so that the set stays path-ordered:
/// <list type="number">
/// <item>each loss is mapped to an order-preserving 64-bit key (<see cref="TailRanking.OrderKey"/>, −0 as +0);</item>
/// <item>radix select, most significant byte first: a 256-bin shared-memory histogram of the keys that match the prefix
/// chosen so far picks the byte of the m-th largest key, until the bin holds exactly the ranks still missing or all 8
/// bytes are fixed;</item>
/// <item>ordered compaction: every key above the threshold, and of the keys equal to it the first ones in S (the lowest
/// paths, the tie rule), by per-thread contiguous slices and an exclusive scan of their counts.</item>
/// </list>
/// The output goes to a scratch copy of the set layout (read and write buffers never alias); <see cref="CopyBack"/>
/// moves it into the set. Integer histograms with atomics give the same counts in any order, so the result is
/// deterministic. Job table: <see cref="JobInts"/> ints per job, [account, set offset, count index, slice start,
/// slice end, m].
/// </summary>
public static class TailSelectKernel
{
    /// <summary>Ints per job in the job table.</summary>
    public const int JobInts = 6;

    /// <summary>Largest group size the kernel supports.</summary>
    public const int MaxGroupSize = 1024;

    /// <summary>The kernel body: group g takes jobs g, g + grid size, … (any grid, any group size up to <see cref="MaxGroupSize"/>).</summary>
    /// <param name="jobCount">Jobs.</param>
    /// <param name="jobs">Job table <c>[job, JobInts]</c>.</param>
    /// <param name="setKeys">Candidate keys, by set offset.</param>
    /// <param name="setPaths">Candidate paths, by set offset.</param>
    /// <param name="setCounts">Candidates per set, by count index.</param>
    /// <param name="loss">The chunk's losses <c>[account, lane]</c>.</param>
    /// <param name="lossStride">Lanes per row of <paramref name="loss"/>.</param>
    /// <param name="firstPath">Path of lane 0.</param>
    /// <param name="outKeys">Selected keys, at the job's set offset.</param>
    /// <param name="outPaths">Selected paths, at the job's set offset.</param>
    /// <param name="outCounts">Selected count per job.</param>
    public static void Run(int jobCount, ArrayView<int> jobs, ArrayView<ulong> setKeys, ArrayView<int> setPaths, ArrayView<int> setCounts,
        ArrayView<double> loss, int lossStride, int firstPath, ArrayView<ulong> outKeys, ArrayView<int> outPaths, ArrayView<int> outCounts)
    {
        var hist = SharedMemory.Allocate<int>(256);
        var above = SharedMemory.Allocate<int>(MaxGroupSize);
        var equal = SharedMemory.Allocate<int>(MaxGroupSize);
        var prefixShared = SharedMemory.Allocate<ulong>(2);
        var state = SharedMemory.Allocate<int>(2);

        int t = Group.IdxX, threads = Group.DimX;
        for (int job = Grid.IdxX; job < jobCount; job += Grid.DimX)
        {
            SelectJob(job, t, threads, jobs, setKeys, setPaths, setCounts, loss, lossStride, firstPath, outKeys, outPaths, outCounts, hist, above, equal, prefixShared, state);
            Group.Barrier();
        }
    }

    private static void SelectJob(int job, int t, int threads, ArrayView<int> jobs, ArrayView<ulong> setKeys, ArrayView<int> setPaths, ArrayView<int> setCounts,
        ArrayView<double> loss, int lossStride, int firstPath, ArrayView<ulong> outKeys, ArrayView<int> outPaths, ArrayView<int> outCounts,
        ArrayView<int> hist, ArrayView<int> above, ArrayView<int> equal, ArrayView<ulong> prefixShared, ArrayView<int> state)
    {
        int account = jobs[job * JobInts], offset = jobs[job * JobInts + 1], countIndex = jobs[job * JobInts + 2];
        int lo = jobs[job * JobInts + 3], hi = jobs[job * JobInts + 4], m = jobs[job * JobInts + 5];
        int held = setCounts[countIndex];
        int length = held + (hi - lo);
        long row = (long)account * lossStride;

        if (length <= m)
        {
            for (int e = t; e < length; e += threads)
            {
                outKeys[offset + e] = Key(e, held, setKeys, offset, loss, row, lo);
                outPaths[offset + e] = e < held ? setPaths[offset + e] : firstPath + lo + (e - held);
            }
            if (t == 0) outCounts[job] = length;
            return;
        }

        if (t == 0)
        {
            prefixShared[0] = 0;  // prefix
            prefixShared[1] = 0;  // mask
            state[0] = m;         // ranks still missing among the keys that match the prefix
            state[1] = 0;         // done
        }
        Group.Barrier();
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            for (int b = t; b < 256; b += threads) hist[b] = 0;
            Group.Barrier();
            ulong prefix = prefixShared[0], mask = prefixShared[1];
            for (int e = t; e < length; e += threads)
            {
                ulong key = Key(e, held, setKeys, offset, loss, row, lo);
                if ((key & mask) == prefix) Atomic.Add(ref hist[(int)((key >> shift) & 0xFF)], 1);
            }
            Group.Barrier();
            if (t == 0)
            {
                int need = state[0], cumulative = 0, bin = 0;
                for (int b = 255; b >= 0; b--)
                {
                    if (cumulative + hist[b] >= need) { bin = b; break; }
                    cumulative += hist[b];
                }
                need -= cumulative;
                prefixShared[0] = prefix | ((ulong)bin << shift);
                prefixShared[1] = mask | (0xFFUL << shift);
                state[0] = need;
                state[1] = hist[bin] == need ? 1 : 0;
            }
            Group.Barrier();
            if (state[1] != 0) break;
        }

        // Ordered compaction: thread t owns the contiguous slice [t·L/G, (t + 1)·L/G) of the sequence.
        ulong threshold = prefixShared[0], thresholdMask = prefixShared[1];
        int needEqual = state[0];
        int start = (int)((long)t * length / threads), end = (int)((long)(t + 1) * length / threads);
        int countAbove = 0, countEqual = 0;
        for (int e = start; e < end; e++)
        {
            ulong masked = Key(e, held, setKeys, offset, loss, row, lo) & thresholdMask;
            if (masked > threshold) countAbove++;
            else if (masked == threshold) countEqual++;
        }
        above[t] = countAbove;
        equal[t] = countEqual;
        Group.Barrier();
        if (t == 0)
        {
            // Exclusive scans: equal[t] becomes the equal keys before slice t, above[t] the output offset of slice t.
            int equalBefore = 0, outBefore = 0;
            for (int s = 0; s < threads; s++)
            {
                int eq = equal[s];
                int taken = above[s] + Math.Min(Math.Max(needEqual - equalBefore, 0), eq);
                equal[s] = equalBefore;
                above[s] = outBefore;
                equalBefore += eq;
                outBefore += taken;
            }
            outCounts[job] = outBefore;
        }
        Group.Barrier();
        int written = above[t], equalIndex = equal[t];
        for (int e = start; e < end; e++)
        {
            ulong key = Key(e, held, setKeys, offset, loss, row, lo);
            ulong masked = key & thresholdMask;
            bool take = masked > threshold;
            if (masked == threshold) take = equalIndex++ < needEqual;
            if (!take) continue;
            outKeys[offset + written] = key;
            outPaths[offset + written] = e < held ? setPaths[offset + e] : firstPath + lo + (e - held);
            written++;
        }
    }

    /// <summary>Moves the selected candidates of every job into its set: a grid-stride loop over (job, element).</summary>
    /// <param name="jobCount">Jobs.</param>
    /// <param name="width">Largest set size (elements per job considered).</param>
    /// <param name="jobs">Job table.</param>
    /// <param name="outKeys">Selected keys.</param>
    /// <param name="outPaths">Selected paths.</param>
    /// <param name="outCounts">Selected count per job.</param>
    /// <param name="setKeys">Candidate keys.</param>
    /// <param name="setPaths">Candidate paths.</param>
    /// <param name="setCounts">Candidates per set.</param>
    public static void CopyBack(int jobCount, int width, ArrayView<int> jobs, ArrayView<ulong> outKeys, ArrayView<int> outPaths, ArrayView<int> outCounts,
        ArrayView<ulong> setKeys, ArrayView<int> setPaths, ArrayView<int> setCounts)
    {
        long total = (long)jobCount * width;
        int step = GridStride.Threads;
        for (long x = Grid.GlobalIndex.X; x < total; x += step)
        {
            int job = (int)(x / width), e = (int)(x - (long)job * width);
            int count = outCounts[job];
            int offset = jobs[job * JobInts + 1];
            if (e < count)
            {
                setKeys[offset + e] = outKeys[offset + e];
                setPaths[offset + e] = outPaths[offset + e];
            }
            if (e == 0) setCounts[jobs[job * JobInts + 2]] = count;
        }
    }

    /// <summary>Key of sequence element e: a held candidate, or a loss of the slice.</summary>
    private static ulong Key(int e, int held, ArrayView<ulong> setKeys, int offset, ArrayView<double> loss, long row, int lo) =>
        e < held ? setKeys[offset + e] : TailRanking.OrderKey(loss[row + lo + (e - held)]);
}
