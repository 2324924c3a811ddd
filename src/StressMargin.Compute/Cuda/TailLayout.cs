using System.Numerics;
using StressMargin.Core.Risk;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// The tail-reduction jobs of one account on the GPU and the host-side finish, following <see cref="TailEstimator"/>
/// exactly: the whole row selects M = max(⌊k_ES⌋, ⌊k_VaR⌋) + 1 ranked losses (ES with k_ES, VaR = rank ⌊k_VaR⌋, the
/// first ⌊k_ES⌋ + 1 paths for component ES); the batch-means standard error cuts the row into
/// B = min(20, ⌊k_ES/10⌋) contiguous batches [⌊b·n/B⌋, ⌊(b+1)·n/B⌋), each with its own k_b = n_b(1 − α), and
/// combines their ES on the host with the CPU's arithmetic (mean, then sum of squares, SE = √(ss/(B − 1)/B)).
/// All k come from <see cref="TailEstimator.TailSize"/>.
/// </summary>
internal sealed class TailLayout
{
    /// <summary>kernels/tail.cuh SM_TAIL_SMALL_SORT: tails up to this size are insertion-sorted, larger ones
    /// bitonic-sorted over a power-of-two capacity.</summary>
    public const int SmallSort = 64;

    private readonly (int Start, int Count, double K, int M, int Capacity)[] _batches;

    private TailLayout(int n, double esConfidence, double varConfidence)
    {
        PathCount = n;
        EsTailSize = TailEstimator.TailSize(n, esConfidence);
        EsRanks = (int)Math.Floor(EsTailSize) + 1;
        VarRanks = (int)Math.Floor(TailEstimator.TailSize(n, varConfidence)) + 1;
        Ranks = Math.Max(EsRanks, VarRanks);
        Capacity = CapacityFor(Ranks);
        int batches = Math.Min(TailEstimator.MaxBatches, (int)Math.Floor(EsTailSize / TailEstimator.MinTailPathsPerBatch));
        _batches = new (int, int, double, int, int)[batches < 2 ? 0 : batches];
        long scratch = Capacity;
        for (int b = 0; b < _batches.Length; b++)
        {
            int start = (int)((long)b * n / batches), end = (int)((long)(b + 1) * n / batches);
            double k = TailEstimator.TailSize(end - start, esConfidence);
            int m = (int)Math.Floor(k) + 1;
            _batches[b] = (start, end - start, k, m, CapacityFor(m));
            scratch += _batches[b].Capacity;
        }
        ScratchPerAccount = scratch;
    }

    /// <summary>n.</summary>
    public int PathCount { get; }
    /// <summary>k for ES.</summary>
    public double EsTailSize { get; }
    /// <summary>⌊k_ES⌋ + 1: the tail paths of component ES.</summary>
    public int EsRanks { get; }
    /// <summary>⌊k_VaR⌋ + 1: VaR is the loss of this rank.</summary>
    public int VarRanks { get; }
    /// <summary>Ranks selected from the whole row: max of the two.</summary>
    public int Ranks { get; }
    /// <summary>Scratch entries of the whole-row job.</summary>
    public int Capacity { get; }
    /// <summary>Batches of the standard error (0 when it is not estimable).</summary>
    public int Batches => _batches.Length;
    /// <summary>Jobs per account: the row and its batches.</summary>
    public int SegmentsPerAccount => 1 + _batches.Length;
    /// <summary>Scratch entries (a key and a path each) per account.</summary>
    public long ScratchPerAccount { get; }

    /// <summary>The layout for n paths and the two confidence levels.</summary>
    /// <param name="n">Paths.</param>
    /// <param name="esConfidence">α of ES.</param>
    /// <param name="varConfidence">α of VaR.</param>
    /// <returns>The layout.</returns>
    public static TailLayout For(int n, double esConfidence, double varConfidence) => new(n, esConfidence, varConfidence);

    /// <summary>Scratch capacity of a job selecting m ranks: m for insertion sort, else the next power of two.</summary>
    /// <param name="m">Ranks.</param>
    /// <returns>Entries.</returns>
    public static int CapacityFor(int m) => m <= SmallSort ? m : (int)BitOperations.RoundUpToPowerOf2((uint)m);

    /// <summary>The jobs of loss rows 0 … rows − 1: segment r·(1 + B) is row r, then its B batches. Row r's ranked
    /// output goes to [r·M, (r + 1)·M).</summary>
    /// <param name="rows">Accounts in the group.</param>
    /// <returns>The jobs.</returns>
    public SmTailSegment[] Segments(int rows)
    {
        var segments = new SmTailSegment[rows * SegmentsPerAccount];
        for (int r = 0; r < rows; r++)
        {
            long scratch = r * ScratchPerAccount;
            int s = r * SegmentsPerAccount;
            segments[s] = new SmTailSegment
            {
                Start = 0, Count = PathCount, K = EsTailSize, M = Ranks, Capacity = Capacity, Row = r,
                ScratchOffset = scratch, OutOffset = (long)r * Ranks,
            };
            scratch += Capacity;
            for (int b = 0; b < _batches.Length; b++)
            {
                var (start, count, k, m, capacity) = _batches[b];
                segments[s + 1 + b] = new SmTailSegment
                {
                    Start = start, Count = count, K = k, M = m, Capacity = capacity, Row = r, ScratchOffset = scratch, OutOffset = -1,
                };
                scratch += capacity;
            }
        }
        return segments;
    }

    /// <summary>The account's estimate from the GPU's results.</summary>
    /// <param name="rankedLosses">The row's M ranked losses.</param>
    /// <param name="rankedPaths">Their paths.</param>
    /// <param name="segmentEs">ES of the row's jobs: the row, then each batch.</param>
    /// <returns>VaR, ES, SE, k and the ES tail paths, as <see cref="TailEstimator.Estimate"/> returns them.</returns>
    public TailEstimate Finish(ReadOnlySpan<double> rankedLosses, ReadOnlySpan<int> rankedPaths, ReadOnlySpan<double> segmentEs) =>
        new(rankedLosses[VarRanks - 1], segmentEs[0], StandardError(segmentEs[1..]), EsTailSize, rankedPaths[..EsRanks].ToArray());

    /// <summary>Batch-means SE from the batches' ES, in the CPU's order of operations; NaN with fewer than 2 batches.</summary>
    /// <param name="batchEs">ES per batch.</param>
    /// <returns>SE.</returns>
    public static double StandardError(ReadOnlySpan<double> batchEs)
    {
        int batches = batchEs.Length;
        if (batches < 2) return double.NaN;
        double mean = 0;
        for (int b = 0; b < batches; b++) mean += batchEs[b];
        mean /= batches;
        double ss = 0;
        for (int b = 0; b < batches; b++) ss += (batchEs[b] - mean) * (batchEs[b] - mean);
        return Math.Sqrt(ss / (batches - 1) / batches);
    }
}
