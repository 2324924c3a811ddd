using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Pricing;

namespace StressMargin.Core.Greeks;

/// <summary>
/// Per-unit Greeks of instruments at t0 on the base market (docs/model.md, "Greeks"): Black-76 for options on the
/// forward F(T) of their expiry with the surface vol σ(K, T) and DF = e^(−rT) (the same inputs as
/// <see cref="InstrumentValuer"/>), converted from forward to spot sensitivities with the curve's basis held,
/// ∂F/∂S = F/S: Δ = ∂V/∂F·F/S, Γ = ∂²V/∂F²·(F/S)². Futures: Δ = F(T)/S (their P&amp;L is F(T)·move), no gamma, vega or
/// theta; spot and perpetuals: Δ = 1; cash: nothing.
/// </summary>
/// <param name="market">Market at t0.</param>
/// <param name="discountRate">Flat continuously compounded rate r (annual decimal).</param>
public sealed class GreeksCalculator(MarketSnapshot market, double discountRate)
{
    /// <summary>The Greeks of one unit.</summary>
    /// <param name="instrument">A held instrument, validated against the market (alive at t0, with spot and, for an option, a surface).</param>
    /// <returns>Its Greeks (<see cref="UnitGreeks"/> for the units).</returns>
    /// <exception cref="InputException">An option or future expired at t0, or a missing spot or surface.</exception>
    public UnitGreeks PerUnit(Instrument instrument)
    {
        if (instrument.Kind == InstrumentKind.Cash) return UnitGreeks.Zero;
        if (!market.HasUnderlying(instrument.Underlying))
            throw new InputException(instrument.Source?.Cell("underlying"), $"instrument '{instrument.Id}': underlying '{instrument.Underlying}' has no spot in spots.csv");
        var curve = market.Curve(instrument.Underlying);
        switch (instrument.Kind)
        {
            case InstrumentKind.Spot:
            case InstrumentKind.Perpetual:
                return new UnitGreeks(1.0, 0, 0, 0);
            case InstrumentKind.Future:
                double tf = AliveYears(instrument, "future");
                return new UnitGreeks(curve.Forward(tf) / curve.Spot, 0, 0, 0);
            case InstrumentKind.Option:
                double t = AliveYears(instrument, "option");
                double f = curve.Forward(t);
                var surface = market.Surface(instrument.Underlying)
                    ?? throw new InputException(instrument.Source?.Cell("underlying"), $"option '{instrument.Id}': underlying '{instrument.Underlying}' has no implied vols in vol_surface.csv");
                double vol = surface.ImpliedVol(instrument.Strike!.Value, t);
                var g = Black76Greeks.Compute(instrument.Right!.Value, f, instrument.Strike.Value, t, vol, discountRate);
                double basis = f / curve.Spot;
                return new UnitGreeks(g.DeltaForward * basis, g.GammaForward * basis * basis, g.Vega, g.Theta);
            default:
                throw new ArgumentOutOfRangeException(nameof(instrument), instrument.Kind, "unknown instrument kind");
        }
    }

    private double AliveYears(Instrument instrument, string kind)
    {
        double t = market.YearsTo(instrument.ExpiryUtc!.Value);
        return t > 0 ? t : throw new InputException(instrument.Source?.Cell("expiry"), $"{kind} '{instrument.Id}' expired before as_of");
    }
}
