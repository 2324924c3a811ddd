namespace StressMargin.Core.Margin;

/// <summary>
/// One band of a tiered maintenance-margin table (Binance-style brackets): for an account whose gross notional N
/// lies in (previous band's <see cref="UpToUsd"/>, <see cref="UpToUsd"/>], MM = N × <see cref="Rate"/> −
/// <see cref="AmountUsd"/>. When the amounts are left out they are chosen so that MM is continuous in N:
/// amount_k = amount_{k−1} + bound_{k−1}·(rate_k − rate_{k−1}), amount_1 = 0 (Binance "maintenance amount").
/// </summary>
/// <param name="UpToUsd">Upper bound of the band in USD of gross notional (inclusive); +∞ for the last band.</param>
/// <param name="Rate">Maintenance rate, fraction of notional.</param>
/// <param name="AmountUsd">Maintenance amount deducted, USD.</param>
public sealed record MaintenanceTier(double UpToUsd, double Rate, double AmountUsd)
{
    /// <summary>MM for a gross notional under a table: the first band whose bound is ≥ N.</summary>
    /// <param name="tiers">Bands with strictly increasing bounds, the last unbounded.</param>
    /// <param name="grossNotionalUsd">N ≥ 0.</param>
    /// <returns>N × rate − amount of the band, at least 0.</returns>
    public static double MaintenanceMargin(IReadOnlyList<MaintenanceTier> tiers, double grossNotionalUsd)
    {
        foreach (var tier in tiers)
            if (grossNotionalUsd <= tier.UpToUsd) return Math.Max(grossNotionalUsd * tier.Rate - tier.AmountUsd, 0.0);
        var last = tiers[^1];
        return Math.Max(grossNotionalUsd * last.Rate - last.AmountUsd, 0.0);
    }

    /// <summary>Fills in the amounts that make MM continuous at every band edge.</summary>
    /// <param name="bounds">Upper bounds, strictly increasing, the last +∞.</param>
    /// <param name="rates">Rates, one per band.</param>
    /// <returns>The table.</returns>
    public static IReadOnlyList<MaintenanceTier> Continuous(IReadOnlyList<double> bounds, IReadOnlyList<double> rates)
    {
        var tiers = new MaintenanceTier[bounds.Count];
        double amount = 0;
        for (int i = 0; i < bounds.Count; i++)
        {
            if (i > 0) amount += bounds[i - 1] * (rates[i] - rates[i - 1]);
            tiers[i] = new MaintenanceTier(bounds[i], rates[i], amount);
        }
        return tiers;
    }
}
