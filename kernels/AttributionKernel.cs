using ILGPU;
using StressMargin.Core.Numerics;

namespace StressMargin.Kernels;

/// <summary>
/// Component ES on the GPU (docs/model.md §8): the tail paths of a batch of accounts are regenerated into lanes
/// (account in batch × rank, by <see cref="FactorPathsKernel"/> on the path list), then
/// <see cref="PositionLoss{TMath, TPrecision}"/> forms each position's loss −w·ΔV on each of its account's tail paths with the main
/// pass's device function, and <see cref="ComponentEs"/> reduces them in rank order with the ES weights.
/// </summary>
public static class AttributionKernel
{
    /// <summary>Loss of position p on the tail path of rank r of its account: a grid-stride loop over (position of the
    /// batch, rank), into <c>losses[position − firstPosition, rank]</c>.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <typeparam name="TPrecision">Black-76 arithmetic.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="positions">Positions in the batch.</param>
    /// <param name="firstAccount">First account of the batch.</param>
    /// <param name="firstPosition">First position of the batch (= AccountStart[firstAccount]).</param>
    /// <param name="ranks">Tail paths per account, ⌊k⌋ + 1.</param>
    /// <param name="factors">x <c>[factor, lane]</c>, lane = (account − firstAccount)·ranks + rank.</param>
    /// <param name="expFactors">e^x, same layout.</param>
    /// <param name="stride">Lanes per row.</param>
    /// <param name="losses">Output <c>[position − firstPosition, rank]</c>.</param>
    public static void PositionLoss<TMath, TPrecision>(DevicePlan plan, int positions, int firstAccount, int firstPosition, int ranks,
        ArrayView<double> factors, ArrayView<double> expFactors, int stride, ArrayView<double> losses)
        where TMath : struct, IDeviceMath
        where TPrecision : struct, IRevaluationPrecision
    {
        long total = (long)positions * ranks;
        int step = GridStride.Threads;
        for (long e = Grid.GlobalIndex.X; e < total; e += step)
        {
            int q = (int)(e / ranks), rank = (int)(e - (long)q * ranks);
            int p = firstPosition + q;
            int i = plan.PositionInstrument[p];
            double loss = 0.0;
            if (i >= 0)
            {
                int lane = (plan.PositionAccount[p] - firstAccount) * ranks + rank;
                int u = plan.Underlying[i];
                int spot = 2 * u * stride + lane, vol = (2 * u + 1) * stride + lane;
                loss = -(plan.PositionWeight[p] * InstrumentRevaluation.DeltaValue<TMath, TPrecision>(plan, i, factors[spot], expFactors[spot], expFactors[vol],
                    InstrumentRevaluation.ExpBasis(plan, i, expFactors, stride, lane)));
            }
            losses[e] = loss;
        }
    }

    /// <summary>C_p = [Σ_{r &lt; ⌊k⌋} ℓ_p(r) + (k − ⌊k⌋)·ℓ_p(⌊k⌋)] / k in rank order, a grid-stride loop over the positions of
    /// the batch (one thread sums one position); 0 for cash.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="positions">Positions in the batch.</param>
    /// <param name="firstPosition">First position of the batch.</param>
    /// <param name="ranks">Tail paths per account.</param>
    /// <param name="tailSize">k.</param>
    /// <param name="losses">Position losses <c>[position − firstPosition, rank]</c>.</param>
    /// <param name="components">Output component ES per position of the batch.</param>
    public static void ComponentEs(DevicePlan plan, int positions, int firstPosition, int ranks, double tailSize, ArrayView<double> losses, ArrayView<double> components)
    {
        int whole = (int)Math.Floor(tailSize);
        double frac = tailSize - whole;
        int step = GridStride.Threads;
        for (int q = Grid.GlobalIndex.X; q < positions; q += step)
        {
            if (plan.PositionInstrument[firstPosition + q] < 0) { components[q] = 0.0; continue; }
            long row = (long)q * ranks;
            double sum = 0.0;
            for (int r = 0; r < whole; r++) sum += losses[row + r];
            if (frac > 0) sum += frac * losses[row + whole];
            components[q] = sum / tailSize;
        }
    }
}
