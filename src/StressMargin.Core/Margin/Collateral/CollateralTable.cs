using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Core.Margin.Collateral;

/// <summary>
/// Haircuts on collateral by asset (docs/model.md §9.8). An account's collateral in asset a is its spot and cash positions
/// whose underlying (currency, for cash) is a; their value C_a = Σ quantity × multiplier × V0 (USD). A positive C_a is cut by
/// H_a = Σ_k h_k·(min(C_a, U_k) − U_{k−1})⁺ over the asset's bands (U_0 = 0); a borrowed (negative) balance is not cut. The
/// account's equity is Σ values − Σ_a H_a. Collateral is still revalued on every simulated path as a spot position, so its
/// wrong-way risk is in ES; the haircut is a deduction from today's equity only.
/// </summary>
public sealed class CollateralTable
{
    private readonly Dictionary<string, IReadOnlyList<HaircutTier>> _tiers;

    /// <summary>Creates the table.</summary>
    /// <param name="tiers">Bands per asset, bounds strictly increasing, the last +∞ (checked by the reader).</param>
    public CollateralTable(IReadOnlyDictionary<string, IReadOnlyList<HaircutTier>> tiers) =>
        _tiers = new Dictionary<string, IReadOnlyList<HaircutTier>>(tiers, StringComparer.Ordinal);

    /// <summary>The assets listed.</summary>
    public IEnumerable<string> Assets => _tiers.Keys;

    /// <summary>Whether an instrument is collateral: cash or spot.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>True for cash and spot.</returns>
    public static bool IsCollateral(Instrument instrument) => instrument.Kind is InstrumentKind.Cash or InstrumentKind.Spot;

    /// <summary>The haircut of a collateral value in one asset.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="valueUsd">C_a, USD.</param>
    /// <returns>H_a ≥ 0, USD (0 for C_a ≤ 0).</returns>
    /// <exception cref="KeyNotFoundException">An asset the table does not list.</exception>
    public double Haircut(string asset, double valueUsd)
    {
        if (!(valueUsd > 0)) return 0.0;
        double cut = 0, lower = 0;
        foreach (var tier in _tiers[asset])
        {
            cut += tier.Haircut * (Math.Min(valueUsd, tier.UpToUsd) - lower);
            if (valueUsd <= tier.UpToUsd) break;
            lower = tier.UpToUsd;
        }
        return cut;
    }

    /// <summary>The haircut of an account's collateral, per asset in first-appearance order.</summary>
    /// <param name="positions">The account's positions.</param>
    /// <param name="value0">V0 per unit (USD) of an instrument.</param>
    /// <returns>(asset, C_a, H_a) for every collateral asset the account holds.</returns>
    /// <exception cref="InputException">A held collateral asset that the table does not list, at the position.</exception>
    public IReadOnlyList<(string Asset, double ValueUsd, double HaircutUsd)> Haircuts(IReadOnlyList<Position> positions, Func<Instrument, double> value0)
    {
        var order = new List<string>();
        var value = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in positions)
        {
            if (!IsCollateral(p.Instrument)) continue;
            string a = p.Instrument.Underlying;
            if (!_tiers.ContainsKey(a))
                throw new InputException(p.Source?.Cell("instrument_id"), $"account '{p.AccountId}' holds '{p.Instrument.Id}' as collateral, but the collateral table has no haircut for '{a}' (list it, with haircut 0 for none)");
            if (!value.ContainsKey(a)) order.Add(a);
            value[a] = value.GetValueOrDefault(a) + p.Weight * value0(p.Instrument);
        }
        return order.Select(a => (a, value[a], Haircut(a, value[a]))).ToArray();
    }

    /// <summary>Σ_a H_a over an account's collateral assets, in first-appearance order.</summary>
    /// <param name="positions">The account's positions.</param>
    /// <param name="value0">V0 per unit (USD).</param>
    /// <returns>USD, ≥ 0.</returns>
    /// <exception cref="InputException">A held collateral asset that the table does not list.</exception>
    public double TotalHaircut(IReadOnlyList<Position> positions, Func<Instrument, double> value0)
    {
        double total = 0;
        foreach (var (_, _, h) in Haircuts(positions, value0)) total += h;
        return total;
    }
}
