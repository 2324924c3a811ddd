using ILGPU;

namespace StressMargin.Kernels;

/// <summary>Kernel 3: each account's loss on each lane, a grid-stride loop over (account, lane):
/// L = ((0 − w₁ΔV₁) − w₂ΔV₂) − … in position order, cash skipped (docs/model.md §7), into <c>loss[account, lane]</c>.
/// A non-finite loss sets the error word.</summary>
public static class AccountLossKernel
{
    /// <summary>The kernel body.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="lanes">Lanes in the chunk.</param>
    /// <param name="accounts">Accounts A.</param>
    /// <param name="dv">ΔV <c>[instrument, lane]</c>.</param>
    /// <param name="stride">Lanes per row of <paramref name="dv"/>.</param>
    /// <param name="loss">Output <c>[account, lane]</c>.</param>
    /// <param name="lossStride">Lanes per row of <paramref name="loss"/>.</param>
    /// <param name="firstPath">Path of lane 0 (for the error report).</param>
    /// <param name="error">Error word.</param>
    public static void Run(DevicePlan plan, int lanes, int accounts, ArrayView<double> dv, int stride, ArrayView<double> loss, int lossStride, int firstPath, ArrayView<int> error)
    {
        long total = (long)lanes * accounts;
        int step = GridStride.Threads;
        for (long e = Grid.GlobalIndex.X; e < total; e += step)
        {
            int a = (int)(e / lanes), lane = (int)(e - (long)a * lanes);
            double sum = 0.0;
            for (int p = plan.AccountStart[a]; p < plan.AccountStart[a + 1]; p++)
            {
                int i = plan.PositionInstrument[p];
                if (i < 0) continue;
                sum -= plan.PositionWeight[p] * dv[(long)i * stride + lane];
            }
            if (!double.IsFinite(sum)) KernelErrors.Report(error, KernelErrors.NonFiniteLoss, firstPath + lane, a);
            loss[(long)a * lossStride + lane] = sum;
        }
    }
}
