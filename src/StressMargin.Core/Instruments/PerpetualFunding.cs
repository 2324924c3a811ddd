using StressMargin.Core.MarketData;

namespace StressMargin.Core.Instruments;

/// <summary>
/// Funding a perpetual pays over the margin period of risk. Deribit quotes the perpetual's funding rate per 8 hours and
/// charges it continuously, longs to shorts when positive: funding = position × index × rate (Deribit, "Funding
/// Specifications", https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications). Over a
/// horizon of h years that is h·365·24/8 funding periods; StressMargin values the position at S0 (the spot at t0, not
/// the path's spot), so the payment is deterministic: the same on every simulated path and in every stress scenario.
/// </summary>
public static class PerpetualFunding
{
    /// <summary>Hours per funding period of a perpetual (Deribit quotes the funding rate per 8 hours).</summary>
    public const double PeriodHours = 8;

    /// <summary>Funding paid by one unit held long over the horizon: rate_8h × S0 × (h·365·24 / 8). With h = 2 days,
    /// that is 6 × rate_8h × S0.</summary>
    /// <param name="rate8h">Funding rate per 8 hours (decimal, 0.0001 = 0.01 %; positive: longs pay).</param>
    /// <param name="spot">S0 (USD).</param>
    /// <param name="horizonYears">h in years (horizon_days / 365).</param>
    /// <returns>USD per unit; negative when the long receives. Exactly 0 when <paramref name="rate8h"/> is 0.</returns>
    public static double PaymentPerUnit(double rate8h, double spot, double horizonYears) =>
        rate8h == 0 ? 0.0 : rate8h * spot * (horizonYears * YearFraction.DaysPerYear * 24 / PeriodHours);
}
