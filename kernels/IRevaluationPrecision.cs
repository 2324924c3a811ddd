using StressMargin.Core.Numerics;
using StressMargin.Core.Pricing;

namespace StressMargin.Kernels;

/// <summary>The arithmetic of the Black-76 price in the revaluation kernels, chosen by a struct type argument:
/// <see cref="DoublePrecision"/> (the CPU's) or <see cref="SinglePrecision"/> (<c>--precision single</c>).</summary>
public interface IRevaluationPrecision
{
    /// <summary>Black-76 in log-moneyness form (<see cref="Black76.PriceFromLogMoneyness{TMath}(bool, double, double, double, double, double)"/>).</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="isCall">Call or put.</param>
    /// <param name="forward">F (USD).</param>
    /// <param name="strike">K (USD).</param>
    /// <param name="logForwardOverStrike">ln(F/K).</param>
    /// <param name="stdDev">σ√τ.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Price per unit (USD), widened to double.</returns>
    double Price<TMath>(bool isCall, double forward, double strike, double logForwardOverStrike, double stdDev, double discountFactor) where TMath : struct, IDeviceMath;
}

/// <summary>Black-76 in double precision.</summary>
public readonly struct DoublePrecision : IRevaluationPrecision
{
    /// <inheritdoc/>
    public double Price<TMath>(bool isCall, double forward, double strike, double logForwardOverStrike, double stdDev, double discountFactor) where TMath : struct, IDeviceMath =>
        Black76.PriceFromLogMoneyness<TMath>(isCall, forward, strike, logForwardOverStrike, stdDev, discountFactor);
}

/// <summary>Black-76 in single precision: the inputs rounded to float, d1, d2, Φ and the price in float, the price
/// widened to double (ΔV, the sums and the tail stay in double).</summary>
public readonly struct SinglePrecision : IRevaluationPrecision
{
    /// <inheritdoc/>
    public double Price<TMath>(bool isCall, double forward, double strike, double logForwardOverStrike, double stdDev, double discountFactor) where TMath : struct, IDeviceMath =>
        Black76.PriceFromLogMoneyness<TMath>(isCall, (float)forward, (float)strike, (float)logForwardOverStrike, (float)stdDev, (float)discountFactor);
}
