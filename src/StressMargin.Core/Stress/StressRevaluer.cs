using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Stress;

/// <summary>
/// Revalues an instrument under a deterministic stress scenario, with the same conventions as the Monte Carlo
/// revaluation (docs/model.md §5): moves apply at t1 = t0 + h; spot and every forward move by the factor
/// (1 + spot move), futures and option forwards also by e^{Δb} of a basis shift, perpetuals pay the scenario's funding
/// over the horizon; an option alive at t1 is priced with Black-76 on F1 = F0(T)·(1 + move) for the remaining T − h,
/// discounted at the flat rate, with its vol taken from the t0 surface (sticky strike: at K; sticky moneyness: at
/// K·F0/F1) and then shocked (<see cref="StressMove.ShockVol"/>, days to expiry counted from t0, k = ln(K/F0(T)));
/// an option expiring by t1 pays its intrinsic value on F1. A surface replay instead values the instrument on the
/// replay market at that market's as_of. Results are ΔV = V1 − V0 per unit, USD.
/// </summary>
/// <param name="market">Market at t0.</param>
/// <param name="horizonYears">h, years.</param>
/// <param name="discountRate">Flat continuously compounded rate r.</param>
/// <param name="dynamics">Sticky strike or sticky moneyness.</param>
public sealed class StressRevaluer(MarketSnapshot market, double horizonYears, double discountRate, VolDynamics dynamics)
{
    /// <summary>ΔV = V1 − V0 per unit of one instrument under one scenario.</summary>
    /// <param name="instrument">A held instrument (validated against the t0 market).</param>
    /// <param name="value0">Its V0 per unit (from <see cref="InstrumentValuer"/>).</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>ΔV in USD per unit.</returns>
    /// <exception cref="InputException">A replay market without the instrument's underlying, or without a surface for an option.</exception>
    public double DeltaValue(Instrument instrument, double value0, StressScenario scenario)
    {
        if (instrument.Kind == InstrumentKind.Cash) return 0.0;
        return scenario.ReplayMarket is { } replay ? Replay(instrument, value0, replay, scenario) : Hypothetical(instrument, value0, scenario.MoveOf(instrument.Underlying));
    }

    /// <summary>ΔV = V1 − V0 per unit of one instrument under a hypothetical move of its own underlying (the
    /// scenario's conventions without building a scenario: reverse stress evaluates thousands of moves).</summary>
    /// <param name="instrument">A held instrument (validated against the t0 market).</param>
    /// <param name="value0">Its V0 per unit (from <see cref="InstrumentValuer"/>).</param>
    /// <param name="move">The move of the instrument's underlying.</param>
    /// <returns>ΔV in USD per unit; 0 for cash.</returns>
    public double DeltaValue(Instrument instrument, double value0, StressMove move) =>
        instrument.Kind == InstrumentKind.Cash ? 0.0 : Hypothetical(instrument, value0, move);

    private double Hypothetical(Instrument instrument, double value0, StressMove move)
    {
        var curve = market.Curve(instrument.Underlying);
        double factor = 1.0 + move.SpotMove;
        switch (instrument.Kind)
        {
            case InstrumentKind.Spot:
                return curve.Spot * factor - curve.Spot;
            case InstrumentKind.Perpetual:
                double funding = PerpetualFunding.PaymentPerUnit(move.Funding8h, curve.Spot, horizonYears);
                return curve.Spot * factor - curve.Spot - funding;
            case InstrumentKind.Future:
                double tf = market.YearsTo(instrument.ExpiryUtc!.Value);
                double ff = curve.Forward(tf);
                return ff * move.ForwardFactor(tf * YearFraction.DaysPerYear) - ff;
        }
        double t = market.YearsTo(instrument.ExpiryUtc!.Value);
        double f0 = curve.Forward(t), f1 = f0 * move.ForwardFactor(t * YearFraction.DaysPerYear), k = instrument.Strike!.Value;
        var right = instrument.Right!.Value;
        if (t <= horizonYears) return Black76.Intrinsic(right, f1, k) - value0;
        double lookupStrike = dynamics == VolDynamics.StickyStrike ? k : k * f0 / f1;
        double vol = market.Surface(instrument.Underlying)!.ImpliedVol(lookupStrike, t);
        double shocked = move.ShockVol(vol, t * YearFraction.DaysPerYear, Math.Log(k / f0));
        double tau = t - horizonYears;
        return Black76.Price(right, f1, k, tau, shocked, Math.Exp(-discountRate * tau)) - value0;
    }

    private double Replay(Instrument instrument, double value0, MarketSnapshot replay, StressScenario scenario)
    {
        if (!replay.HasUnderlying(instrument.Underlying))
            throw new InputException(scenario.Source, $"surface replay '{scenario.Name}' has no spot for '{instrument.Underlying}', which the book holds ({instrument.Id})");
        var curve = replay.Curve(instrument.Underlying);
        switch (instrument.Kind)
        {
            case InstrumentKind.Spot:
            case InstrumentKind.Perpetual:
                return curve.Spot - market.Curve(instrument.Underlying).Spot;
            case InstrumentKind.Future:
                return curve.Forward(replay.YearsTo(instrument.ExpiryUtc!.Value)) - market.Curve(instrument.Underlying).Forward(market.YearsTo(instrument.ExpiryUtc!.Value));
        }
        double t = replay.YearsTo(instrument.ExpiryUtc!.Value);
        double f = curve.Forward(t), k = instrument.Strike!.Value;
        if (t <= 0) return Black76.Intrinsic(instrument.Right!.Value, f, k) - value0;
        var surface = replay.Surface(instrument.Underlying)
            ?? throw new InputException(scenario.Source, $"surface replay '{scenario.Name}' has no implied vols for '{instrument.Underlying}', which the book holds options on ({instrument.Id})");
        return Black76.Price(instrument.Right!.Value, f, k, t, surface.ImpliedVol(k, t), Math.Exp(-discountRate * t)) - value0;
    }
}
