using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.RiskModel;
using StressMargin.Core.Stress;
using StressMargin.IO.Plausibility;

namespace StressMargin.Engine.Plausibility;

/// <summary>
/// Plausibility checks that need the book, the market and the model together (docs/formats.md §10): held strikes
/// against spot, position notionals, quotes against the model value, the vols the model uses, the ES tail against the
/// number of paths, and stress scenarios that move nothing the book holds.
/// </summary>
public static class BookPlausibility
{
    /// <summary>Strikes of held options within ×100 of spot (warning beyond ×20); |notional| of every position at most
    /// 1e15 USD (warning above 1e11).</summary>
    /// <param name="book">The book.</param>
    /// <param name="market">Market at as_of (every held risky underlying has a spot).</param>
    /// <param name="warnings">Receives warnings.</param>
    /// <exception cref="InputException">The first value beyond an error bound, at its cell.</exception>
    public static void CheckPositions(Book book, MarketSnapshot market, InputWarnings warnings)
    {
        foreach (var i in book.HeldInstruments.Where(i => i.Kind == InstrumentKind.Option))
            MarketBounds.Strike(i.Strike!.Value, market.Curve(i.Underlying).Spot, i.Source?.Cell("strike"), warnings);
        foreach (var p in book.Positions)
        {
            double notional = Math.Abs(p.Weight) * (p.Instrument.IsRisky ? market.Curve(p.Instrument.Underlying).Spot : 1.0);
            string what = $"quantity: account '{p.AccountId}' holds {Bounds.Text(p.Quantity)} × {p.Instrument.Id}, a notional of {notional:0.###E+0} USD";
            if (notional > Bounds.MaxNotionalUsd)
                throw new InputException(p.Source?.Cell("quantity"), $"{what}, more than {Bounds.MaxNotionalUsd:0E+0} USD (ten times world GDP; a typo in the quantity or the multiplier?)");
            if (notional > Bounds.WarnNotionalUsd)
                warnings.Add("notional", p.Source?.Cell("quantity"), $"{what}, above {Bounds.WarnNotionalUsd:0E+0} USD");
        }
    }

    /// <summary>
    /// Quotes of held instruments against the model: an ask above twice the instrument's largest possible value (call
    /// F·DF, put K·DF, spot and perpetual S, future F) is an error; a mid further from the model value than half that
    /// value (options only) or 2 % of spot gets a warning. The reference for a perpetual is S and for a future F(T)
    /// (their model value, 0, is the settled variation margin, not a price).
    /// </summary>
    /// <param name="book">The book.</param>
    /// <param name="market">Market at as_of.</param>
    /// <param name="value0">Model value per unit of every held instrument, USD.</param>
    /// <param name="discountRate">r.</param>
    /// <param name="quotes">Bid and ask by instrument id, USD per unit.</param>
    /// <param name="sources">Row of each quote.</param>
    /// <param name="warnings">Receives warnings.</param>
    /// <exception cref="InputException">An ask beyond the bound, at its cell.</exception>
    public static void CheckQuotes(Book book, MarketSnapshot market, IReadOnlyDictionary<Instrument, double> value0, double discountRate,
        IReadOnlyDictionary<string, (double Bid, double Ask)> quotes, IReadOnlyDictionary<string, SourceLocation> sources, InputWarnings warnings)
    {
        foreach (var i in book.HeldInstruments.Where(i => i.IsRisky))
        {
            if (!quotes.TryGetValue(i.Id, out var q)) continue;
            var curve = market.Curve(i.Underlying);
            double spot = curve.Spot;
            double t = i.ExpiryUtc is { } e ? market.YearsTo(e) : 0;
            double reference, bound;
            switch (i.Kind)
            {
                case InstrumentKind.Option:
                    reference = value0[i];
                    bound = (i.Right == OptionRight.Call ? curve.Forward(t) : i.Strike!.Value) * Math.Exp(-discountRate * t);
                    break;
                case InstrumentKind.Future:
                    reference = bound = curve.Forward(t);
                    break;
                default:
                    reference = bound = spot;
                    break;
            }
            var at = sources.GetValueOrDefault(i.Id);
            if (q.Ask > Bounds.MaxQuoteToBound * bound)
                throw new InputException(at?.Cell("ask"), $"ask: {Bounds.Text(q.Ask)} USD for {i.Id} is more than {Bounds.MaxQuoteToBound}× the most it can be worth ({bound:0.##} USD; model value {reference:0.##} USD)");
            double mid = 0.5 * (q.Bid + q.Ask);
            double tolerance = Math.Max(i.Kind == InstrumentKind.Option ? Bounds.WarnQuoteDeviation * reference : 0, Bounds.WarnQuoteSpotFraction * spot);
            if (Math.Abs(mid - reference) > tolerance)
                warnings.Add("quote", at?.Cell("bid"), $"bid/ask mid {mid:0.##} USD for {i.Id} is far from its model value {reference:0.##} USD (by more than {tolerance:0.##} USD)");
        }
    }

    /// <summary>Warns about the vols the model uses (after <c>atm</c> and calibration) above 300 % or, for spot vols, below 1 %.</summary>
    /// <param name="factors">The factor model.</param>
    /// <param name="specs">risk_factors entries by underlying, for their location.</param>
    /// <param name="warnings">Receives warnings.</param>
    public static void CheckModelVols(FactorModel factors, IReadOnlyDictionary<string, RiskFactorSpec> specs, InputWarnings warnings)
    {
        for (int u = 0; u < factors.Underlyings.Count; u++)
        {
            string name = factors.Underlyings[u];
            var where = specs.GetValueOrDefault(name)?.Source;
            if (specs.GetValueOrDefault(name)?.SpotVolAnnualized is not null) continue; // a number from the file: checked where it was read
            double sigma = factors.SpotVolsAnnualized[u];
            if (sigma > Bounds.WarnModelVolHigh || sigma < Bounds.WarnVolLow)
                warnings.Add("model_vol", where, $"risk_factors.{name}: the spot vol used, {Bounds.Percent(sigma)} a year (from 'atm' or the calibration), is outside the usual {Bounds.Percent(Bounds.WarnVolLow)} … {Bounds.Percent(Bounds.WarnModelVolHigh)}");
        }
    }

    /// <summary>Warns when the ES rests on fewer than <see cref="Bounds.WarnTailPaths"/> tail paths, n·(1 − α).</summary>
    /// <param name="paths">n, the effective number of paths.</param>
    /// <param name="esConfidence">α.</param>
    /// <param name="where">Where es_confidence (or paths) is written.</param>
    /// <param name="warnings">Receives the warning.</param>
    public static void CheckTail(int paths, double esConfidence, SourceLocation? where, InputWarnings warnings)
    {
        double tail = paths * (1 - esConfidence);
        if (tail < Bounds.WarnTailPaths)
        {
            int needed = (int)Math.Ceiling(Bounds.WarnTailPaths / (1 - esConfidence));
            warnings.Add("tail_paths", where, FormattableString.Invariant(
                $"margin.es_confidence {esConfidence} with {paths:N0} paths: the ES rests on {tail:0.#} tail paths, fewer than {Bounds.WarnTailPaths}, so its Monte Carlo error is large (use at least {needed:N0} paths)"));
        }
    }

    /// <summary>
    /// A hypothetical stress scenario (moves by underlying, a grid, SPAN) without a <c>"*"</c> entry that names none of the
    /// underlyings the book holds is an error (a typo such as <c>BCT</c> would otherwise make it a silent zero-move
    /// scenario); one that names some held and some other underlyings gets a warning for the others.
    /// </summary>
    /// <param name="stress">The scenarios.</param>
    /// <param name="held">Underlyings of the risky instruments held.</param>
    /// <param name="warnings">Receives warnings.</param>
    /// <exception cref="InputException">A scenario that moves no held underlying, at its definition.</exception>
    public static void CheckStressMoves(IReadOnlyList<StressScenario> stress, IReadOnlyCollection<string> held, InputWarnings warnings)
    {
        if (held.Count == 0) return;
        var warned = new HashSet<(string, string)>();
        foreach (var s in stress)
        {
            if (s.ReplayMarket is not null || s.RequiresEveryUnderlying || s.Moves.ContainsKey(StressScenario.AllUnderlyings)) continue;
            var named = s.Moves.Keys.Order(StringComparer.Ordinal).ToArray();
            var other = named.Where(u => !held.Contains(u)).ToArray();
            if (other.Length == named.Length)
            {
                string? near = other.Select(u => Suggest.Nearest(u, held)).FirstOrDefault(n => n is not null);
                throw new InputException(s.Source,
                    $"stress scenario '{s.Name}' moves {(named.Length == 0 ? "no underlying" : $"only {string.Join(", ", named.Select(u => $"'{u}'"))}")}, which the book does not hold (it holds {string.Join(", ", held.Order(StringComparer.Ordinal))})" +
                    $"{(near is null ? "" : $": did you mean '{near}'?")}; a scenario that moves nothing held has no effect (\"*\" moves every underlying)");
            }
            foreach (var u in other)
                if (warned.Add((s.Source?.ToString() ?? s.Name, u)))
                    warnings.Add("stress_underlying", s.Source, $"stress scenario '{s.Name}' moves '{u}', which the book does not hold{(Suggest.Nearest(u, held) is { } n ? $" (did you mean '{n}'?)" : "")}");
        }
    }
}
