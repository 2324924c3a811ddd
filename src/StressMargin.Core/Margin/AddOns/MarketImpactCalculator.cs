using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;

namespace StressMargin.Core.Margin.AddOns;

/// <summary>
/// The market-impact cost of liquidating an account (formula and sources on <see cref="MarketImpactSettings"/>;
/// docs/model.md §9.2.1). Positions are netted per underlying in one delta bucket (every instrument, every expiry: net
/// delta notional Σ w·Δ·F0(T), USD) and per underlying and option expiry in vega buckets (net Black-76 vega Σ w·∂V/∂σ,
/// USD per 1.00 of vol), as Eurex Prisma's liquidity adjustment and CME SPAN 2 net risk within liquidity groups before
/// charging for size. The market's daily liquidity of a bucket is Σ V·multiplier·|risk per unit| over every instrument
/// of <c>depth.csv</c> in it, with V its daily volume (<see cref="InstrumentDepth.DailyVolume"/>). σ_daily is the model's
/// spot vol / √365 for a delta bucket and ν·σ_ATM(T) / √365 for a vega bucket (ν the vol of vol, σ_ATM the at-the-money
/// implied vol of the expiry). The cost is size-dependent: scaling every position by k scales it by k^1.5. Thread-safe.
/// </summary>
public sealed class MarketImpactCalculator
{
    /// <summary>Days per year of the daily vol, σ_daily = σ_annual / √365 (crypto trades every calendar day).</summary>
    public const double DaysPerYear = 365.0;

    private readonly MarketSnapshot _market;
    private readonly MarketImpactSettings _settings;
    private readonly IReadOnlyDictionary<string, InstrumentDepth> _depth;
    private readonly IReadOnlyDictionary<string, double> _spotVols;
    private readonly IReadOnlyDictionary<string, double> _volOfVols;
    private readonly double _discountRate;
    private readonly Dictionary<string, double> _deltaLiquidity = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, DateTimeOffset), double> _vegaLiquidity = [];

    /// <summary>Prepares the market's liquidity per bucket.</summary>
    /// <param name="market">Market at t0.</param>
    /// <param name="settings">Y, open-interest turnover and default participation.</param>
    /// <param name="depth">Depth by instrument id (may be empty: every bucket then uses the default).</param>
    /// <param name="instruments">Every known instrument (the depth rows are looked up by their ids); instruments whose
    /// underlying has no market, expired ones and options without a surface add no liquidity.</param>
    /// <param name="spotVolsAnnualized">σ per underlying (annualized decimal, the factor model's); an underlying without
    /// one uses its 30-day ATM implied vol, or 0 without a surface.</param>
    /// <param name="volOfVolsAnnualized">ν per underlying (annualized decimal); missing means 0 (no vega impact).</param>
    /// <param name="discountRate">Rate for option deltas and vegas (continuously compounded, annual).</param>
    public MarketImpactCalculator(MarketSnapshot market, MarketImpactSettings settings, IReadOnlyDictionary<string, InstrumentDepth> depth,
        IEnumerable<Instrument> instruments, IReadOnlyDictionary<string, double> spotVolsAnnualized, IReadOnlyDictionary<string, double> volOfVolsAnnualized, double discountRate)
    {
        _market = market;
        _settings = settings;
        _depth = depth;
        _spotVols = spotVolsAnnualized;
        _volOfVols = volOfVolsAnnualized;
        _discountRate = discountRate;
        foreach (var ins in instruments)
        {
            if (DailyVolume(ins) is not { } v || !Priceable(ins)) continue;
            var (delta, vega) = RiskPerUnit(ins);
            double units = v * ins.Multiplier;
            _deltaLiquidity[ins.Underlying] = _deltaLiquidity.GetValueOrDefault(ins.Underlying) + units * Math.Abs(delta);
            if (ins.Kind == InstrumentKind.Option)
                _vegaLiquidity[(ins.Underlying, ins.ExpiryUtc!.Value)] = _vegaLiquidity.GetValueOrDefault((ins.Underlying, ins.ExpiryUtc!.Value)) + units * Math.Abs(vega);
        }
    }

    /// <summary>The market's daily traded delta notional of an underlying (USD per day; 0 without depth).</summary>
    /// <param name="underlying">Symbol.</param>
    /// <returns>L of the delta bucket.</returns>
    public double DeltaLiquidity(string underlying) => _deltaLiquidity.GetValueOrDefault(underlying);

    /// <summary>The market's daily traded vega of an option expiry (USD per 1.00 of vol per day; 0 without depth).</summary>
    /// <param name="underlying">Symbol.</param>
    /// <param name="expiry">Option expiry.</param>
    /// <returns>L of the vega bucket.</returns>
    public double VegaLiquidity(string underlying, DateTimeOffset expiry) => _vegaLiquidity.GetValueOrDefault((underlying, expiry));

    /// <summary>Whether an instrument has usable depth (a depth row with positive volume or open interest).</summary>
    /// <param name="instrument">Instrument.</param>
    /// <returns>True when it has.</returns>
    public bool HasDepth(Instrument instrument) => DailyVolume(instrument) is not null;

    /// <summary>The market-impact cost of liquidating a set of positions (one account).</summary>
    /// <param name="positions">The positions; cash is ignored.</param>
    /// <returns>The cost, the positions without depth and the buckets.</returns>
    public MarketImpact Compute(IEnumerable<Position> positions)
    {
        var delta = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var vega = new SortedDictionary<(string U, DateTimeOffset T), double>(Comparer<(string U, DateTimeOffset T)>.Create((a, b) =>
        {
            int c = string.CompareOrdinal(a.U, b.U);
            return c != 0 ? c : a.T.CompareTo(b.T);
        }));
        int fallback = 0;
        foreach (var p in positions)
        {
            var ins = p.Instrument;
            if (!ins.IsRisky) continue;
            if (!HasDepth(ins)) fallback++;
            var (d, v) = RiskPerUnit(ins);
            delta[ins.Underlying] = delta.GetValueOrDefault(ins.Underlying) + p.Weight * d;
            if (ins.Kind == InstrumentKind.Option)
                vega[(ins.Underlying, ins.ExpiryUtc!.Value)] = vega.GetValueOrDefault((ins.Underlying, ins.ExpiryUtc!.Value)) + p.Weight * v;
        }

        var buckets = new List<ImpactBucket>();
        double total = 0;
        foreach (var (u, r) in delta)
        {
            if (r != 0) buckets.Add(Bucket(u, null, r, DeltaLiquidity(u), SpotVol(u) / Math.Sqrt(DaysPerYear)));
            foreach (var ((_, t), rv) in vega.Where(x => x.Key.U == u))
                if (rv != 0)
                    buckets.Add(Bucket(u, t, rv, VegaLiquidity(u, t), _volOfVols.GetValueOrDefault(u) * AtmVol(u, _market.YearsTo(t)) / Math.Sqrt(DaysPerYear)));
        }
        foreach (var b in buckets) total += b.CostUsd;
        return new MarketImpact(total, fallback, buckets);
    }

    private ImpactBucket Bucket(string underlying, DateTimeOffset? expiry, double netRisk, double liquidity, double dailyVol)
    {
        double size = Math.Abs(netRisk);
        double participation = liquidity > 0 ? size / liquidity : _settings.DefaultParticipation;
        return new ImpactBucket(underlying, expiry, netRisk, liquidity, dailyVol, _settings.Y * dailyVol * size * Math.Sqrt(participation));
    }

    private double? DailyVolume(Instrument ins) =>
        ins.IsRisky && _depth.TryGetValue(ins.Id, out var d) ? d.DailyVolume(_settings.OpenInterestTurnover) : null;

    private bool Priceable(Instrument ins) =>
        _market.HasUnderlying(ins.Underlying)
        && (ins.ExpiryUtc is null || ins.ExpiryUtc > _market.AsOf)
        && (ins.Kind != InstrumentKind.Option || _market.Surface(ins.Underlying) is not null);

    private double SpotVol(string underlying) =>
        _spotVols.TryGetValue(underlying, out double s) ? s : _market.Surface(underlying) is null ? 0.0 : AtmVol(underlying, 30 / DaysPerYear);

    private double AtmVol(string underlying, double years)
    {
        var surface = _market.Surface(underlying);
        return surface is null ? 0.0 : surface.ImpliedVolAtLogMoneyness(0.0, years);
    }

    /// <summary>Delta notional (USD, Δ × F0(T); Δ = 1 for linear instruments) and Black-76 vega (USD per 1.00 of vol; 0
    /// for linear instruments) of one unit.</summary>
    private (double Delta, double Vega) RiskPerUnit(Instrument ins)
    {
        var curve = _market.Curve(ins.Underlying);
        switch (ins.Kind)
        {
            case InstrumentKind.Spot:
            case InstrumentKind.Perpetual:
                return (curve.Spot, 0.0);
            case InstrumentKind.Future:
                return (curve.Forward(_market.YearsTo(ins.ExpiryUtc!.Value)), 0.0);
            default:
                double t = _market.YearsTo(ins.ExpiryUtc!.Value);
                double f = curve.Forward(t);
                double vol = _market.Surface(ins.Underlying)!.ImpliedVol(ins.Strike!.Value, t);
                double df = Math.Exp(-_discountRate * t);
                return (Black76.Delta(ins.Right!.Value, f, ins.Strike.Value, t, vol, df) * f, Black76.Vega(f, ins.Strike.Value, t, vol, df));
        }
    }
}
