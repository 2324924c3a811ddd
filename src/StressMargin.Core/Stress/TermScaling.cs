namespace StressMargin.Core.Stress;

/// <summary>
/// Deribit-style term scaling of a vol shift: the shift applied to an option is
/// shift × (reference / max(days to expiry, floor))^power, with one power below the reference (short-dated
/// options move more) and another above it. Deribit portfolio margin, BTC-USD: reference 30 days, short power 0.3,
/// long power 0.13 (Deribit API `private/pme/simulate` model parameters, 2024-06-17; Deribit support article
/// "Portfolio Margin"); Derive PMRM_2 adds a floor of 1 day (derivexyz/v2-core scripts/config-mainnet.sol).
/// </summary>
/// <param name="ReferenceDays">Days at which the factor is 1 (30 at Deribit).</param>
/// <param name="ShortPower">Power when days to expiry &lt; reference.</param>
/// <param name="LongPower">Power when days to expiry ≥ reference.</param>
/// <param name="FloorDays">Smallest days to expiry used (guards very short options), positive.</param>
public sealed record TermScaling(double ReferenceDays = 30, double ShortPower = 0.3, double LongPower = 0.13, double FloorDays = 1)
{
    /// <summary>(reference / max(days, floor))^power.</summary>
    /// <param name="daysToExpiry">Calendar days from t0 to the option's expiry.</param>
    /// <returns>The scale factor (1 at the reference).</returns>
    public double Factor(double daysToExpiry)
    {
        double days = Math.Max(daysToExpiry, FloorDays);
        return Math.Pow(ReferenceDays / days, days < ReferenceDays ? ShortPower : LongPower);
    }
}
