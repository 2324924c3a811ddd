using ILGPU;
using StressMargin.Core.Risk;

namespace StressMargin.Kernels;

/// <summary>Kernel 5: each account's loss histogram (<see cref="LossHistogram"/>'s fixed grid, by
/// <see cref="LossHistogram.BinOfFinite"/>), a grid-stride loop over (account, lane) of the chunk adding 1 to
/// <c>counts[account, bin]</c> with an integer atomic (the counts do not depend on the order).</summary>
public static class HistogramKernel
{
    /// <summary>The kernel body.</summary>
    /// <param name="lanes">Lanes in the chunk.</param>
    /// <param name="accounts">Accounts A.</param>
    /// <param name="loss">Losses <c>[account, lane]</c>.</param>
    /// <param name="lossStride">Lanes per row of <paramref name="loss"/>.</param>
    /// <param name="counts">Counts <c>[account, bin]</c>, <see cref="LossHistogram.BinCount"/> bins per account.</param>
    public static void Run(int lanes, int accounts, ArrayView<double> loss, int lossStride, ArrayView<int> counts)
    {
        long total = (long)lanes * accounts;
        int step = GridStride.Threads;
        for (long e = Grid.GlobalIndex.X; e < total; e += step)
        {
            int a = (int)(e / lanes), lane = (int)(e - (long)a * lanes);
            int bin = LossHistogram.BinOfFinite(loss[(long)a * lossStride + lane]);
            Atomic.Add(ref counts[(long)a * LossHistogram.BinCount + bin], 1);
        }
    }
}
