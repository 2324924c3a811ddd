using ILGPU;
using StressMargin.Core.Numerics;

namespace StressMargin.Kernels;

/// <summary>Kernel 2: ΔV of every instrument on every lane of the chunk, a grid-stride loop over (instrument, lane), into
/// <c>dv[instrument, lane]</c> (<see cref="InstrumentRevaluation.DeltaValue{TMath, TPrecision}"/>).</summary>
public static class RevalueKernel
{
    /// <summary>The kernel body.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <typeparam name="TPrecision">Black-76 arithmetic.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="lanes">Lanes in the chunk.</param>
    /// <param name="instruments">Instruments I.</param>
    /// <param name="factors">x <c>[factor, lane]</c>.</param>
    /// <param name="expFactors">e^x <c>[factor, lane]</c>.</param>
    /// <param name="stride">Lanes per row of the factor and ΔV blocks.</param>
    /// <param name="dv">Output ΔV <c>[instrument, lane]</c>.</param>
    public static void Run<TMath, TPrecision>(DevicePlan plan, int lanes, int instruments, ArrayView<double> factors, ArrayView<double> expFactors, int stride, ArrayView<double> dv)
        where TMath : struct, IDeviceMath
        where TPrecision : struct, IRevaluationPrecision
    {
        long total = (long)lanes * instruments;
        int step = GridStride.Threads;
        for (long e = Grid.GlobalIndex.X; e < total; e += step)
        {
            int i = (int)(e / lanes), lane = (int)(e - (long)i * lanes);
            int u = plan.Underlying[i];
            int spot = 2 * u * stride + lane, vol = (2 * u + 1) * stride + lane;
            dv[(long)i * stride + lane] = InstrumentRevaluation.DeltaValue<TMath, TPrecision>(plan, i, factors[spot], expFactors[spot], expFactors[vol],
                InstrumentRevaluation.ExpBasis(plan, i, expFactors, stride, lane));
        }
    }
}
