using ILGPU;
using StressMargin.Core.Numerics;

namespace StressMargin.Kernels;

/// <summary>
/// ΔV = V1 − V0 of one instrument on one path at the horizon (docs/model.md §5), the device function of the main pass
/// and of attribution (so both give the same ΔV bit for bit). The managed CPU backend computes the same formulas four
/// paths at a time with 256-bit vectors (<c>BlockWorkspace.Revalue</c>).
/// </summary>
public static class InstrumentRevaluation
{
    /// <summary>ΔV per unit of instrument i.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <typeparam name="TPrecision">Black-76 arithmetic.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="i">Instrument index.</param>
    /// <param name="x">Spot factor x_u of the instrument's underlying.</param>
    /// <param name="expX">e^x.</param>
    /// <param name="expY">e^y of the vol factor.</param>
    /// <param name="expBasis">e^β of the instrument's basis factor (<see cref="ExpBasis"/>), 1 without one.</param>
    /// <returns>ΔV (USD per unit).</returns>
    public static double DeltaValue<TMath, TPrecision>(DevicePlan plan, int i, double x, double expX, double expY, double expBasis)
        where TMath : struct, IDeviceMath
        where TPrecision : struct, IRevaluationPrecision
    {
        double f0 = plan.Forward0[i];
        int kind = plan.Kind[i];
        if (kind == DevicePlan.KindLinear) return Linear(f0, expX, expBasis, plan.FundingPayment[i]);
        double strike = plan.Strike[i];
        bool call = plan.IsCall[i] != 0;
        double f1 = f0 * expX;
        if (kind == DevicePlan.KindExpiringOption)
            return Math.Max(call ? f1 - strike : strike - f1, 0.0) - plan.Value0[i];
        double lnFK = plan.LogForwardOverStrike[i];
        double sd = plan.StickyMoneyness != 0
            ? plan.Smiles.Vol(plan.SmileLo[i], plan.SmileHi[i], plan.SmileWeight[i], plan.ExpiryYears[i], -(lnFK + x)) * plan.SqrtTau1[i] * expY
            : plan.StdDev0[i] * expY;
        return default(TPrecision).Price<TMath>(call, f1, strike, lnFK + x, sd, plan.Discount1[i]) - plan.Value0[i];
    }

    /// <summary>ΔV of a linear instrument: P0·(e^x·e^β − 1) − φ, the forward moving F0·e^(x + β), less the funding φ
    /// a long perpetual pays over the horizon (docs/model.md §3.4, §5). With e^β = 1 (no basis factor) this is
    /// P0·(e^x − 1) − φ bit for bit, and with φ = 0 (no funding) P0·(e^x·e^β − 1) bit for bit (x − 0 = x in IEEE 754).
    /// The CPU backend evaluates the same expression in the same order four lanes at a time.</summary>
    /// <param name="f0">P0 (USD).</param>
    /// <param name="expX">e^x.</param>
    /// <param name="expBasis">e^β, or 1.</param>
    /// <param name="funding">φ = rate_8h·S0·(h·365·24/8), USD per unit (<c>FundingPayment</c>), 0 for all but perpetuals.</param>
    /// <returns>ΔV (USD per unit).</returns>
    public static double Linear(double f0, double expX, double expBasis, double funding) => f0 * (expX * expBasis - 1.0) - funding;

    /// <summary>e^β of instrument i on a lane: the row of its basis factor in <c>expFactors [factor, lane]</c>, or 1.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="i">Instrument index.</param>
    /// <param name="expFactors">e^x of every factor, <c>[factor, lane]</c> with row stride <paramref name="stride"/>.</param>
    /// <param name="stride">Lanes per row.</param>
    /// <param name="lane">The lane.</param>
    /// <returns>e^β, or 1.0 when the instrument has no basis factor.</returns>
    public static double ExpBasis(DevicePlan plan, int i, ArrayView<double> expFactors, int stride, int lane)
    {
        int b = plan.BasisFactor[i];
        return b < 0 ? 1.0 : expFactors[(long)b * stride + lane];
    }
}
