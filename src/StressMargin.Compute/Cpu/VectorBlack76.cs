using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StressMargin.Core.Pricing;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// Black-76 on four paths at once, in the log-moneyness form of
/// <see cref="Black76.PriceFromLogMoneyness"/> (same formula, same operation order):
/// d1 = ln(F/K)/s + ½s, d2 = d1 − s, call = DF·(F·Φ(d1) − K·Φ(d2)), put = DF·(K·Φ(−d2) − F·Φ(−d1)).
/// </summary>
internal static class VectorBlack76
{
    private static readonly Vector256<double> Half = Vector256.Create(0.5);

    /// <summary>Prices per lane.</summary>
    /// <param name="isCall">Call or put (same for all lanes).</param>
    /// <param name="forward">F per lane (USD).</param>
    /// <param name="strike">K (USD).</param>
    /// <param name="logForwardOverStrike">ln(F/K) per lane.</param>
    /// <param name="stdDev">s = σ√τ per lane, positive.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Prices per unit of underlying.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Price(bool isCall, Vector256<double> forward, Vector256<double> strike, Vector256<double> logForwardOverStrike, Vector256<double> stdDev, Vector256<double> discountFactor)
    {
        var d1 = logForwardOverStrike / stdDev + Half * stdDev;
        var d2 = d1 - stdDev;
        return isCall
            ? discountFactor * (forward * VectorErfc.NormalCdf(d1) - strike * VectorErfc.NormalCdf(d2))
            : discountFactor * (strike * VectorErfc.NormalCdf(-d2) - forward * VectorErfc.NormalCdf(-d1));
    }
}
