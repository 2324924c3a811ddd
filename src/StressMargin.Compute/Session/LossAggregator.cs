using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StressMargin.Core.Risk;

namespace StressMargin.Compute.Session;

/// <summary>
/// An account's loss row and component ES from cached ΔV rows, with the CPU backend's arithmetic in the same order
/// (docs/model.md §7–8), so the figures equal a run's bit for bit:
/// <code>
/// L(j) = ((0 − w_1·ΔV_1(j)) − w_2·ΔV_2(j)) − …     positions in book order, cash skipped
/// C_p  = [Σ_{r &lt; ⌊k⌋} −w_p·ΔV_p(π_r) + (k − ⌊k⌋)·(−w_p·ΔV_p(π_⌊k⌋))] / k   over the ES tail paths π in rank order
/// </code>
/// </summary>
public static class LossAggregator
{
    /// <summary>Writes the account's loss on every path.</summary>
    /// <param name="positions">The account's positions in book order.</param>
    /// <param name="loss">Destination, length n (the rows' length).</param>
    public static void AccountLoss(ReadOnlySpan<WeightedRow> positions, Span<double> loss)
    {
        loss.Clear();
        int n = loss.Length, vectorEnd = n & ~3;
        ref double s0 = ref MemoryMarshal.GetReference(loss);
        foreach (var p in positions)
        {
            if (!p.IsRisky) continue;
            var dv = p.DeltaValue.Span[..n];
            ref double d0 = ref MemoryMarshal.GetReference(dv);
            var w = Vector256.Create(p.Weight);
            nuint l = 0;
            for (; l < (nuint)vectorEnd; l += 4)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s0, l) - w * Vector256.LoadUnsafe(ref d0, l), ref s0, l);
            for (int j = vectorEnd; j < n; j++) loss[j] -= p.Weight * dv[j];
        }
    }

    /// <summary>Component ES of every position (0 for cash); the components sum to the account's ES up to rounding.</summary>
    /// <param name="positions">The account's positions in book order.</param>
    /// <param name="tail">The account's tail estimate (its ES tail paths and tail size).</param>
    /// <returns>One value per position, USD loss.</returns>
    public static double[] ComponentEs(ReadOnlySpan<WeightedRow> positions, TailEstimate tail)
    {
        int whole = (int)Math.Floor(tail.TailSize);
        double frac = tail.TailSize - whole;
        var result = new double[positions.Length];
        for (int p = 0; p < positions.Length; p++)
        {
            if (!positions[p].IsRisky) continue;
            var dv = positions[p].DeltaValue.Span;
            double w = positions[p].Weight, sum = 0, atWhole = 0;
            for (int rank = 0; rank < tail.TailPaths.Length; rank++)
            {
                double loss = -(w * dv[tail.TailPaths[rank]]);
                if (rank < whole) sum += loss;
                else atWhole = loss;
            }
            if (frac > 0) sum += frac * atWhole;
            result[p] = sum / tail.TailSize;
        }
        return result;
    }
}
