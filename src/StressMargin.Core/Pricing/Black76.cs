using System.Runtime.CompilerServices;
using StressMargin.Core.Instruments;
using StressMargin.Core.Numerics;

namespace StressMargin.Core.Pricing;

/// <summary>
/// Black-76: European options on a forward. F. Black, "The pricing of commodity contracts", J. Financial
/// Economics 3 (1976) 167–179; E. G. Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed., 2007), §1.1.6.
/// <code>
/// d1 = ln(F/K)/(σ√T) + ½σ√T,  d2 = d1 − σ√T
/// call = DF·(F·Φ(d1) − K·Φ(d2)),  put = DF·(K·Φ(−d2) − F·Φ(−d1))
/// </code>
/// Prices in the currency of F and K (USD here) per unit of underlying; T in years; σ annualized decimal;
/// DF the discount factor to expiry.
/// </summary>
public static class Black76
{
    /// <summary>Option price.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="forward">F, forward price to expiry, positive.</param>
    /// <param name="strike">K, positive.</param>
    /// <param name="years">T, time to expiry in years; T ≤ 0 gives the intrinsic value max(±(F − K), 0) times DF.</param>
    /// <param name="vol">σ, annualized implied vol; σ ≤ 0 gives the discounted intrinsic value.</param>
    /// <param name="discountFactor">DF = e^(−rT).</param>
    /// <returns>Price per unit of underlying.</returns>
    public static double Price(OptionRight right, double forward, double strike, double years, double vol, double discountFactor)
    {
        if (years <= 0 || vol <= 0)
            return discountFactor * Intrinsic(right, forward, strike);
        return PriceFromLogMoneyness(right == OptionRight.Call, forward, strike, Math.Log(forward / strike), vol * Math.Sqrt(years), discountFactor);
    }

    /// <summary>
    /// The core formula in the form the revaluation kernels use: the caller supplies ln(F/K) and the total
    /// standard deviation s = σ√T, so that a shocked forward F0·e^x needs no logarithm (ln(F/K) = ln(F0/K) + x).
    /// </summary>
    /// <param name="isCall">True for a call.</param>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <param name="logForwardOverStrike">ln(F/K).</param>
    /// <param name="stdDev">s = σ√T, positive.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Price per unit of underlying.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PriceFromLogMoneyness(bool isCall, double forward, double strike, double logForwardOverStrike, double stdDev, double discountFactor) =>
        PriceFromLogMoneyness<SystemMath>(isCall, forward, strike, logForwardOverStrike, stdDev, discountFactor);

    /// <summary>
    /// <see cref="PriceFromLogMoneyness(bool, double, double, double, double, double)"/> with the exp of
    /// <typeparamref name="TMath"/>: the device function of every backend (d1 = ln(F/K)/s + ½s, d2 = d1 − s, then the
    /// call or put formula, in this operation order).
    /// </summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="isCall">True for a call.</param>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <param name="logForwardOverStrike">ln(F/K).</param>
    /// <param name="stdDev">s = σ√T, positive.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Price per unit of underlying.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PriceFromLogMoneyness<TMath>(bool isCall, double forward, double strike, double logForwardOverStrike, double stdDev, double discountFactor)
        where TMath : struct, IDeviceMath
    {
        double d1 = logForwardOverStrike / stdDev + 0.5 * stdDev;
        double d2 = d1 - stdDev;
        return isCall
            ? discountFactor * (forward * Normal.Cdf<TMath>(d1) - strike * Normal.Cdf<TMath>(d2))
            : discountFactor * (strike * Normal.Cdf<TMath>(-d2) - forward * Normal.Cdf<TMath>(-d1));
    }

    /// <summary>
    /// The same formula in single precision (float inputs, float Φ with Cody's coefficients rounded to float), for the
    /// GPU's <c>--precision single</c>. Relative error against double about 1e-7 of the forward.
    /// </summary>
    /// <typeparam name="TMath">Elementary functions (single-precision exp).</typeparam>
    /// <param name="isCall">True for a call.</param>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <param name="logForwardOverStrike">ln(F/K).</param>
    /// <param name="stdDev">s = σ√T, positive.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Price per unit of underlying.</returns>
    public static float PriceFromLogMoneyness<TMath>(bool isCall, float forward, float strike, float logForwardOverStrike, float stdDev, float discountFactor)
        where TMath : struct, IDeviceMath
    {
        float d1 = logForwardOverStrike / stdDev + 0.5f * stdDev;
        float d2 = d1 - stdDev;
        return isCall
            ? discountFactor * (forward * Normal.Cdf<TMath>(d1) - strike * Normal.Cdf<TMath>(d2))
            : discountFactor * (strike * Normal.Cdf<TMath>(-d2) - forward * Normal.Cdf<TMath>(-d1));
    }

    /// <summary>Forward delta ∂V/∂F = DF·Φ(d1) for a call, DF·(Φ(d1) − 1) for a put (Haug 2007, §2.1).</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <param name="years">T in years; T ≤ 0 gives the intrinsic delta.</param>
    /// <param name="vol">σ.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>Delta per unit of underlying (dimensionless).</returns>
    public static double Delta(OptionRight right, double forward, double strike, double years, double vol, double discountFactor)
    {
        if (years <= 0 || vol <= 0)
        {
            bool itm = right == OptionRight.Call ? forward > strike : forward < strike;
            return itm ? (right == OptionRight.Call ? discountFactor : -discountFactor) : 0.0;
        }
        double s = vol * Math.Sqrt(years);
        double d1 = Math.Log(forward / strike) / s + 0.5 * s;
        return right == OptionRight.Call ? discountFactor * Normal.Cdf(d1) : discountFactor * (Normal.Cdf(d1) - 1.0);
    }

    /// <summary>Vega ∂V/∂σ = DF·F·φ(d1)·√T, the same for calls and puts (Haug 2007, §2.1).</summary>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <param name="years">T in years; T ≤ 0 or σ ≤ 0 gives 0.</param>
    /// <param name="vol">σ, annualized decimal.</param>
    /// <param name="discountFactor">DF.</param>
    /// <returns>USD per unit of underlying per 1.00 (100 vol points) of implied vol.</returns>
    public static double Vega(double forward, double strike, double years, double vol, double discountFactor)
    {
        if (years <= 0 || vol <= 0) return 0.0;
        double s = vol * Math.Sqrt(years);
        double d1 = Math.Log(forward / strike) / s + 0.5 * s;
        return discountFactor * forward * Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) * Math.Sqrt(years);
    }

    /// <summary>Intrinsic value max(F − K, 0) for a call, max(K − F, 0) for a put.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="forward">F.</param>
    /// <param name="strike">K.</param>
    /// <returns>Payoff per unit of underlying.</returns>
    public static double Intrinsic(OptionRight right, double forward, double strike) =>
        right == OptionRight.Call ? Math.Max(forward - strike, 0.0) : Math.Max(strike - forward, 0.0);
}
