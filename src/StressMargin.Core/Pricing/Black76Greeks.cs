using StressMargin.Core.Instruments;
using StressMargin.Core.Numerics;

namespace StressMargin.Core.Pricing;

/// <summary>The sensitivities of one Black-76 option per unit of underlying (currency of F and K, USD here).</summary>
/// <param name="DeltaForward">∂V/∂F (dimensionless).</param>
/// <param name="GammaForward">∂²V/∂F² (per USD).</param>
/// <param name="Vega">∂V/∂σ (USD per unit of annualized decimal vol, i.e. per 100 vol points).</param>
/// <param name="Theta">∂V/∂t with F and σ held: the value's change per year of calendar time passing (USD per year).</param>
public readonly record struct Black76Sensitivities(double DeltaForward, double GammaForward, double Vega, double Theta);

/// <summary>
/// Closed-form Black-76 Greeks. E. G. Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed., 2007), §2.1
/// (generalized Black–Scholes with cost of carry b = 0); J. C. Hull, "Options, Futures, and Other Derivatives"
/// (10th ed., 2018), §19 (Greeks) and §18.8 (Black's model). With s = σ√T, d1 = ln(F/K)/s + ½s and DF = e^(−rT):
/// <code>
/// ∂V/∂F   = DF·Φ(d1) (call),  DF·(Φ(d1) − 1) (put)
/// ∂²V/∂F² = DF·φ(d1) / (F·s)
/// ∂V/∂σ   = DF·F·φ(d1)·√T
/// Θ = ∂V/∂t = r·V − DF·F·φ(d1)·σ / (2√T)      (time passing shortens T; F and σ held)
/// </code>
/// </summary>
public static class Black76Greeks
{
    private static readonly double InvSqrt2Pi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    /// <summary>The Greeks of a live option.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="forward">F, positive.</param>
    /// <param name="strike">K, positive.</param>
    /// <param name="years">T &gt; 0, years to expiry.</param>
    /// <param name="vol">σ &gt; 0, annualized decimal implied vol.</param>
    /// <param name="discountRate">r, flat continuously compounded (annual decimal); DF = e^(−rT).</param>
    /// <returns>The sensitivities per unit of underlying.</returns>
    /// <exception cref="ArgumentOutOfRangeException">T or σ not positive (an option at or past expiry has no Black-76 Greeks).</exception>
    public static Black76Sensitivities Compute(OptionRight right, double forward, double strike, double years, double vol, double discountRate)
    {
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), years, "time to expiry must be positive");
        if (!(vol > 0)) throw new ArgumentOutOfRangeException(nameof(vol), vol, "implied vol must be positive");
        double sqrtT = Math.Sqrt(years);
        double s = vol * sqrtT;
        double df = Math.Exp(-discountRate * years);
        double d1 = Math.Log(forward / strike) / s + 0.5 * s;
        double pdf = InvSqrt2Pi * Math.Exp(-0.5 * d1 * d1);
        double value = Black76.Price(right, forward, strike, years, vol, df);
        double delta = right == OptionRight.Call ? df * Normal.Cdf(d1) : df * (Normal.Cdf(d1) - 1.0);
        return new Black76Sensitivities(
            delta,
            df * pdf / (forward * s),
            df * forward * pdf * sqrtT,
            discountRate * value - df * forward * pdf * vol / (2.0 * sqrtT));
    }
}
