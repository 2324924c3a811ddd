using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;

namespace StressMargin.Core.Margin.AddOns;

/// <summary>An account's add-ons and notional, USD.</summary>
/// <param name="Liquidity">Liquidity add-on: the spread part of the liquidation cost, ½ × (ask − bid) × size.</param>
/// <param name="Concentration">Concentration add-on.</param>
/// <param name="ShortOptionMinimum">Short-option minimum (a floor on the risk requirement, not added).</param>
/// <param name="GrossNotionalUsd">Σ |quantity| × multiplier × S0 over non-cash positions (for tiered MM).</param>
/// <param name="MarketImpact">Market-impact add-on: the size-dependent part of the liquidation cost (square-root law,
/// netted by delta and vega buckets; <see cref="MarketImpactCalculator"/>); 0 when off.</param>
/// <param name="DepthFallbacks">Risky positions without depth data (<see cref="Core.Margin.AddOns.MarketImpact.FallbackPositions"/>); 0 when the add-on is off.</param>
public sealed record AccountAddOns(double Liquidity, double Concentration, double ShortOptionMinimum, double GrossNotionalUsd, double MarketImpact = 0, int DepthFallbacks = 0)
{
    /// <summary>The add-ons added on top of the risk requirement: liquidity + market impact + concentration.</summary>
    public double Additive => Liquidity + MarketImpact + Concentration;
}

/// <summary>Computes <see cref="AccountAddOns"/> from positions on the t0 market (formulas on each settings type).</summary>
/// <param name="market">Market at t0.</param>
/// <param name="settings">Add-on settings.</param>
/// <param name="quotes">Bid and ask per unit (USD) by instrument id; may be empty.</param>
/// <param name="discountRate">Rate used for option deltas.</param>
/// <param name="marketImpact">The market-impact calculator when <see cref="AddOnSettings.MarketImpact"/> is on; null gives no market-impact add-on.</param>
public sealed class AddOnCalculator(MarketSnapshot market, AddOnSettings settings, IReadOnlyDictionary<string, (double Bid, double Ask)> quotes, double discountRate,
    MarketImpactCalculator? marketImpact = null)
{
    /// <summary>Add-ons of one account: the sums of <see cref="Terms"/> (in their order).</summary>
    /// <param name="account">The account.</param>
    /// <returns>Its add-ons.</returns>
    public AccountAddOns Compute(Account account)
    {
        var terms = Terms(account);
        double liquidity = 0, concentration = 0, som = 0, impact = 0;
        foreach (var t in terms.Liquidity) liquidity += t.AmountUsd;
        foreach (var t in terms.Concentration) concentration += t.AmountUsd;
        foreach (var t in terms.ShortOptionMinimum) som += t.AmountUsd;
        foreach (var t in terms.MarketImpact) impact += t.AmountUsd;
        return new AccountAddOns(liquidity, concentration, som, terms.GrossNotionalUsd, impact, terms.DepthFallbacks);
    }

    /// <summary>The add-ons of one account term by term (the formulas on each settings type).</summary>
    /// <param name="account">The account.</param>
    /// <returns>Liquidity per position, concentration and short-option minimum per underlying, market impact per netting
    /// bucket (<see cref="MarketImpactCalculator.Compute"/>, its buckets in order), the gross notional and the depth fallbacks.</returns>
    public AddOnTerms Terms(Account account)
    {
        double gross = 0;
        var liquidity = new List<AddOnTerm>();
        var netDeltaNotional = new Dictionary<string, double>(StringComparer.Ordinal);
        var shortCalls = new Dictionary<string, double>(StringComparer.Ordinal);
        var shortPuts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in account.Positions)
        {
            var ins = p.Instrument;
            if (!ins.IsRisky) continue;
            double spot = market.Curve(ins.Underlying).Spot;
            double units = Math.Abs(p.Weight);
            gross += units * spot;
            if (settings.Liquidity is { } liq)
            {
                if (quotes.TryGetValue(ins.Id, out var q)) liquidity.Add(new AddOnTerm(ins.Id, 0.5 * (q.Ask - q.Bid) * units));
                else if (AddOnSettings.Lookup(liq.DefaultSpreadFraction, ins.Underlying) is { } fraction) liquidity.Add(new AddOnTerm(ins.Id, 0.5 * fraction * spot * units));
            }
            netDeltaNotional[ins.Underlying] = netDeltaNotional.GetValueOrDefault(ins.Underlying) + p.Weight * DeltaNotionalPerUnit(ins);
            if (ins.Kind == InstrumentKind.Option)
            {
                var bucket = ins.Right == OptionRight.Call ? shortCalls : shortPuts;
                bucket[ins.Underlying] = bucket.GetValueOrDefault(ins.Underlying) + p.Quantity;
            }
        }

        var concentration = new List<AddOnTerm>();
        if (settings.Concentration is { } conc)
            foreach (var (u, notional) in netDeltaNotional)
                if (AddOnSettings.Lookup(conc.ThresholdUsd, u) is { } threshold)
                    concentration.Add(new AddOnTerm(u, conc.Rate * Math.Max(0, Math.Abs(notional) - threshold)));

        var som = new List<AddOnTerm>();
        if (settings.ShortOptionMinimum is { } s)
            foreach (var u in shortCalls.Keys.Union(shortPuts.Keys))
                if (AddOnSettings.Lookup(s.PerContractUsd, u) is { } rate)
                    som.Add(new AddOnTerm(u, rate * Math.Max(Math.Max(0, -shortCalls.GetValueOrDefault(u)), Math.Max(0, -shortPuts.GetValueOrDefault(u)))));

        var impact = marketImpact?.Compute(account.Positions);
        var impactTerms = impact is null ? [] : impact.Buckets.Select(b => new AddOnTerm(b.Item, b.CostUsd)).ToArray();
        return new AddOnTerms(liquidity, concentration, som, gross, impactTerms, impact?.FallbackPositions ?? 0);
    }

    /// <summary>USD delta notional of one unit: Δ × F0(T) (Δ = 1 for linear instruments).</summary>
    private double DeltaNotionalPerUnit(Instrument ins)
    {
        var curve = market.Curve(ins.Underlying);
        switch (ins.Kind)
        {
            case InstrumentKind.Spot:
            case InstrumentKind.Perpetual:
                return curve.Spot;
            case InstrumentKind.Future:
                return curve.Forward(market.YearsTo(ins.ExpiryUtc!.Value));
            default:
                double t = market.YearsTo(ins.ExpiryUtc!.Value);
                double f = curve.Forward(t);
                double vol = market.Surface(ins.Underlying)!.ImpliedVol(ins.Strike!.Value, t);
                return Black76.Delta(ins.Right!.Value, f, ins.Strike.Value, t, vol, Math.Exp(-discountRate * t)) * f;
        }
    }
}
