using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;

namespace StressMargin.Core.Pricing;

/// <summary>
/// Values instruments at the valuation time t0 on a <see cref="MarketSnapshot"/>, in USD per contract unit
/// (before the multiplier): cash 1; spot S0; futures and perpetuals 0 (variation margin is settled, so their
/// value is their P&amp;L since the last settlement); options by Black-76 on the forward of their expiry with
/// the surface vol at their strike, discounted at a flat continuously compounded rate.
/// </summary>
/// <param name="market">Market at t0.</param>
/// <param name="discountRate">Flat continuously compounded rate r (annual decimal) used for DF = e^(−rT).</param>
public sealed class InstrumentValuer(MarketSnapshot market, double discountRate)
{
    /// <summary>The market used.</summary>
    public MarketSnapshot Market { get; } = market;

    /// <summary>The discount rate r.</summary>
    public double DiscountRate { get; } = discountRate;

    /// <summary>Value per unit (price), USD.</summary>
    /// <param name="instrument">A validated instrument whose underlying (and, for options, surface) is in the market.</param>
    /// <returns>Price at t0.</returns>
    /// <exception cref="InputException">Missing spot or surface, or an option or future expired at t0.</exception>
    public double Price(Instrument instrument)
    {
        switch (instrument.Kind)
        {
            case InstrumentKind.Cash: return 1.0;
            case InstrumentKind.Future:
                if (!(Market.YearsTo(instrument.ExpiryUtc!.Value) > 0))
                    throw new InputException(instrument.Source?.Cell("expiry"), $"future '{instrument.Id}' expired at {Iso(instrument.ExpiryUtc.Value)}, before as_of {Iso(Market.AsOf)}");
                return 0.0;
            case InstrumentKind.Perpetual: return 0.0;
            case InstrumentKind.Spot: return CurveOf(instrument).Spot;
            case InstrumentKind.Option:
                double t = Market.YearsTo(instrument.ExpiryUtc!.Value);
                if (!(t > 0)) throw new InputException(instrument.Source?.Cell("expiry"), $"option '{instrument.Id}' expired at {Iso(instrument.ExpiryUtc.Value)}, before as_of {Iso(Market.AsOf)}");
                double f = CurveOf(instrument).Forward(t);
                double vol = SurfaceOf(instrument).ImpliedVol(instrument.Strike!.Value, t);
                return Black76.Price(instrument.Right!.Value, f, instrument.Strike.Value, t, vol, Math.Exp(-DiscountRate * t));
            default: throw new ArgumentOutOfRangeException(nameof(instrument), instrument.Kind, "unknown instrument kind");
        }
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private ForwardCurve CurveOf(Instrument i) =>
        Market.HasUnderlying(i.Underlying) ? Market.Curve(i.Underlying)
        : throw new InputException(i.Source?.Cell("underlying"), $"instrument '{i.Id}': underlying '{i.Underlying}' has no spot in spots.csv");

    private VolSurface SurfaceOf(Instrument i) =>
        Market.Surface(i.Underlying) ?? throw new InputException(i.Source?.Cell("underlying"), $"option '{i.Id}': underlying '{i.Underlying}' has no implied vols in vol_surface.csv");
}
