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
    /// <returns>ΔV (USD per unit).</returns>
    public static double DeltaValue<TMath, TPrecision>(DevicePlan plan, int i, double x, double expX, double expY)
        where TMath : struct, IDeviceMath
        where TPrecision : struct, IRevaluationPrecision
    {
        double f0 = plan.Forward0[i];
        int kind = plan.Kind[i];
        if (kind == DevicePlan.KindLinear) return f0 * (expX - 1.0);
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
}
