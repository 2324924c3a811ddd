using System.Globalization;

namespace StressMargin.IO.Plausibility;

/// <summary>
/// The plausibility bounds on numeric inputs (docs/formats.md §10, with the reason for each): beyond an error bound a
/// value is taken for a typo and refused with its location; between a warning bound and an error bound it is used, and
/// a warning goes to the run header and manifest.json. Vols, rates and moves are annualized or relative decimals, so the
/// most common typo is a percentage (5 for 5 %), and the messages suggest the decimal.
/// </summary>
public static class Bounds
{
    /// <summary>|discount_rate| above this (100 % a year) is an error.</summary>
    public const double MaxRate = 1.0;
    /// <summary>A discount rate below this (−2 %) gets a warning.</summary>
    public const double WarnRateLow = -0.02;
    /// <summary>A discount rate above this (25 %) gets a warning.</summary>
    public const double WarnRateHigh = 0.25;

    /// <summary>A horizon above this many days (one year) is an error.</summary>
    public const double MaxHorizonDays = 365;
    /// <summary>A horizon below this many days gets a warning.</summary>
    public const double WarnHorizonDaysLow = 1;
    /// <summary>A horizon above this many days gets a warning.</summary>
    public const double WarnHorizonDaysHigh = 30;

    /// <summary>An annualized vol (implied vol, spot_vol, vol_of_vol, min_vol) above this (1,000 %) is an error.</summary>
    public const double MaxVol = 10;
    /// <summary>An implied vol above this (500 %) gets a warning.</summary>
    public const double WarnImpliedVolHigh = 5;
    /// <summary>A spot_vol, vol_of_vol or min_vol above this (300 %) gets a warning.</summary>
    public const double WarnModelVolHigh = 3;
    /// <summary>An implied vol or spot_vol below this (1 %) gets a warning.</summary>
    public const double WarnVolLow = 0.01;

    /// <summary>A spot, forward, strike or index price outside [1e-8, 1e9] USD is an error.</summary>
    public const double MinPrice = 1e-8;
    /// <summary>See <see cref="MinPrice"/>.</summary>
    public const double MaxPrice = 1e9;

    /// <summary>Error bound on a forward against spot: |ln(F/S)| ≤ this + <see cref="ForwardErrorPerYear"/>·T.</summary>
    public const double ForwardErrorBase = 0.10;
    /// <summary>Annual carry (rate plus basis) allowed before an error: 100 % a year.</summary>
    public const double ForwardErrorPerYear = 1.0;
    /// <summary>Warning bound on a forward against spot: |ln(F/S)| ≤ this + <see cref="ForwardWarnPerYear"/>·T.</summary>
    public const double ForwardWarnBase = 0.02;
    /// <summary>Annual carry allowed before a warning: 25 % a year.</summary>
    public const double ForwardWarnPerYear = 0.25;

    /// <summary>A strike more than this many times spot, or less than spot over this, is an error.</summary>
    public const double MaxStrikeRatio = 100;
    /// <summary>A strike more than this many times spot, or less than spot over this, gets a warning.</summary>
    public const double WarnStrikeRatio = 20;

    /// <summary>A position whose |notional| (|quantity| × multiplier × spot, or the USD balance) exceeds this is an error: 1e15 USD, ten times world GDP.</summary>
    public const double MaxNotionalUsd = 1e15;
    /// <summary>A position notional above this (100 bn USD) gets a warning.</summary>
    public const double WarnNotionalUsd = 1e11;

    /// <summary>An ask above this many times the instrument's largest possible value (no-arbitrage bound) is an error.</summary>
    public const double MaxQuoteToBound = 2;
    /// <summary>A mid more than this fraction away from the model value (and more than <see cref="WarnQuoteSpotFraction"/> of spot) gets a warning.</summary>
    public const double WarnQuoteDeviation = 0.5;
    /// <summary>See <see cref="WarnQuoteDeviation"/>: 2 % of spot.</summary>
    public const double WarnQuoteSpotFraction = 0.02;

    /// <summary>A relative spot move above this (+1,000 %) is an error.</summary>
    public const double MaxSpotMove = 10;
    /// <summary>A relative spot move above this (+500 %) gets a warning.</summary>
    public const double WarnSpotMoveHigh = 5;
    /// <summary>A relative spot move below this (−90 %) gets a warning.</summary>
    public const double WarnSpotMoveLow = -0.9;
    /// <summary>A relative vol shift above this (vols × 11) is an error.</summary>
    public const double MaxVolShift = 10;
    /// <summary>A relative vol shift above this (vols × 4) gets a warning.</summary>
    public const double WarnVolShift = 3;
    /// <summary>|skew_tilt| above this (vol points per unit of log-moneyness) is an error.</summary>
    public const double MaxSkewTilt = 10;

    /// <summary>Largest |log-basis change| of a stress scenario's basis shift (e^0.5 − 1 ≈ 65 % of the forward against spot).</summary>
    public const double MaxBasisLogChange = 0.5;

    /// <summary>Largest |perpetual funding rate per 8 hours| of a stress scenario (5 %; a percentage such as 0.5 meant as 0.5 % is refused).</summary>
    public const double MaxFunding8h = 0.05;
    /// <summary>|funding rate per 8 hours| of a perpetual in the simulation (risk_factors.U.funding.rate_8h) above this
    /// (1 %, 1,095 % a year) is an error: forty times Deribit's ±0.025 % dead band, beyond any sustained venue rate.</summary>
    public const double MaxModelFunding8h = 0.01;
    /// <summary>|rate_8h| above this (0.3 %, the shipped perpetual-funding stress level) gets a warning: a stress
    /// level, not an expected rate, charged on every path.</summary>
    public const double WarnModelFunding8h = 0.003;
    /// <summary>|skew_tilt| above this gets a warning.</summary>
    public const double WarnSkewTilt = 2;
    /// <summary>|term_scaling power| above this is an error.</summary>
    public const double MaxTermPower = 3;
    /// <summary>term_scaling days (reference, floor) above this (ten years) are an error.</summary>
    public const double MaxTermDays = 3650;
    /// <summary>A SPAN extreme_multiple above this is an error.</summary>
    public const double MaxExtremeMultiple = 10;
    /// <summary>A SPAN extreme_multiple above this gets a warning.</summary>
    public const double WarnExtremeMultiple = 5;

    /// <summary>A one-day price ratio P_t/P_{t−1} above this or below its inverse is an error (a typo in a close).</summary>
    public const double MaxDailyRatio = 10;
    /// <summary>A one-day price ratio above this or below its inverse gets a warning.</summary>
    public const double WarnDailyRatio = 2;

    /// <summary>A bid–ask spread fraction of spot (liquidity.default_spread) at or above this (100 %) is an error.</summary>
    public const double MaxSpreadFraction = 1;
    /// <summary>A default spread above this (10 %) gets a warning.</summary>
    public const double WarnSpreadFraction = 0.1;

    /// <summary>A confidence level below this gets a warning.</summary>
    public const double WarnConfidenceLow = 0.9;
    /// <summary>An ES resting on fewer tail paths than this, n·(1 − α), gets a warning.</summary>
    public const int WarnTailPaths = 50;

    /// <summary>Deribit <c>time_to_maturity</c> more than this fraction away from the time from the row's timestamp to its
    /// expiry (and more than one day) is an error.</summary>
    public const double MaxMaturityMismatch = 0.1;

    /// <summary>The forward's error bound |ln(F/S)| at a tenor.</summary>
    /// <param name="years">T, years.</param>
    /// <returns>Largest |ln(F/S)|.</returns>
    public static double ForwardErrorLog(double years) => ForwardErrorBase + ForwardErrorPerYear * Math.Max(years, 0);

    /// <summary>The forward's warning bound |ln(F/S)| at a tenor.</summary>
    /// <param name="years">T, years.</param>
    /// <returns>Largest |ln(F/S)| without a warning.</returns>
    public static double ForwardWarnLog(double years) => ForwardWarnBase + ForwardWarnPerYear * Math.Max(years, 0);

    /// <summary>
    /// " (did you mean 0.05?)" when <paramref name="value"/> read as a percentage gives a decimal within
    /// [<paramref name="low"/>, <paramref name="high"/>], else "".
    /// </summary>
    /// <param name="value">The value as written, e.g. 5.</param>
    /// <param name="low">Smallest plausible decimal.</param>
    /// <param name="high">Largest plausible decimal.</param>
    /// <returns>The suggestion text.</returns>
    public static string PercentSuggestion(double value, double low, double high)
    {
        double d = value / 100;
        return d >= low && d <= high ? $": did you mean {Text(d)}?" : "";
    }

    /// <summary>A number as it would be written in a file (invariant, shortest round trip).</summary>
    /// <param name="v">Value.</param>
    /// <returns>Text.</returns>
    public static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A decimal as a percentage, e.g. <c>500 %</c>.</summary>
    /// <param name="v">Decimal.</param>
    /// <returns>Text.</returns>
    public static string Percent(double v) => (v * 100).ToString("#,0.##", CultureInfo.InvariantCulture) + " %";
}
