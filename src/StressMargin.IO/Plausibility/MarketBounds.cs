using StressMargin.Core;
using StressMargin.Core.MarketData;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Plausibility;

/// <summary>
/// Plausibility of the market data rows (docs/formats.md §10): spot and forward prices within [1e-8, 1e9] USD, each
/// forward against spot by tenor (|ln(F/S)| at most 0.10 + 1.00·T, a warning beyond 0.02 + 0.25·T), implied vols at
/// most 1,000 % (a warning above 500 % or below 1 %), vol-surface strikes within ×100 of spot (a warning beyond ×20).
/// Errors and warnings point at the cell.
/// </summary>
public static class MarketBounds
{
    /// <summary>Checks a price cell against [<see cref="Bounds.MinPrice"/>, <see cref="Bounds.MaxPrice"/>].</summary>
    /// <param name="price">The price, USD.</param>
    /// <param name="at">Its cell.</param>
    /// <param name="column">Column name for the message.</param>
    /// <exception cref="InputException">Outside the bounds.</exception>
    public static void Price(double price, SourceLocation? at, string column)
    {
        if (price < Bounds.MinPrice || price > Bounds.MaxPrice)
            throw new InputException(at, $"{column}: {Bounds.Text(price)} USD is outside the plausible {Bounds.Text(Bounds.MinPrice)} … {Bounds.Text(Bounds.MaxPrice)} USD per unit");
    }

    /// <summary>Checks a forward against spot at its tenor.</summary>
    /// <param name="forward">F, USD.</param>
    /// <param name="spot">S, USD.</param>
    /// <param name="years">T, years from as_of to the forward's expiry.</param>
    /// <param name="at">The forward's cell.</param>
    /// <param name="column">Column name for the message (<c>forward</c>, or the importer's <c>underlying</c>).</param>
    /// <param name="warnings">Receives a warning; null ignores it.</param>
    /// <exception cref="InputException">|ln(F/S)| above <see cref="Bounds.ForwardErrorLog"/>.</exception>
    public static void Forward(double forward, double spot, double years, SourceLocation? at, string column, InputWarnings? warnings)
    {
        double log = Math.Abs(Math.Log(forward / spot));
        string days = (years * YearFraction.DaysPerYear).ToString(years * YearFraction.DaysPerYear < 10 ? "0.#" : "#,0", System.Globalization.CultureInfo.InvariantCulture);
        string what = $"{column}: {Bounds.Text(forward)} is {Ratio(forward / spot)} the spot {Bounds.Text(spot)} at {days} days";
        if (log > Bounds.ForwardErrorLog(years))
            throw new InputException(at, $"{what}, more than the {Bounds.Percent(Bounds.ForwardErrorBase)} plus {Bounds.Percent(Bounds.ForwardErrorPerYear)} a year of carry that a forward can differ from spot (wrong underlying, or a typo?)");
        if (log > Bounds.ForwardWarnLog(years))
            warnings?.Add("forward", at, $"{what}, beyond the usual {Bounds.Percent(Bounds.ForwardWarnBase)} plus {Bounds.Percent(Bounds.ForwardWarnPerYear)} a year of carry");
    }

    /// <summary>Checks an implied vol.</summary>
    /// <param name="vol">Annualized decimal vol.</param>
    /// <param name="at">Its cell.</param>
    /// <param name="column">Column name for the message.</param>
    /// <param name="warnings">Receives a warning; null ignores it.</param>
    /// <exception cref="InputException">Above <see cref="Bounds.MaxVol"/> (with a suggestion for a percentage).</exception>
    public static void ImpliedVol(double vol, SourceLocation? at, string column, InputWarnings? warnings)
    {
        if (vol > Bounds.MaxVol)
            throw new InputException(at, $"{column}: {Bounds.Text(vol)} is an annualized decimal vol of {Bounds.Percent(vol)}{Bounds.PercentSuggestion(vol, 0.001, Bounds.MaxVol)} (at most {Bounds.Text(Bounds.MaxVol)}, i.e. {Bounds.Percent(Bounds.MaxVol)})");
        if (vol > Bounds.WarnImpliedVolHigh || vol < Bounds.WarnVolLow)
            warnings?.Add("implied_vol", at, $"{column}: {Bounds.Text(vol)} ({Bounds.Percent(vol)}) is outside the usual {Bounds.Percent(Bounds.WarnVolLow)} … {Bounds.Percent(Bounds.WarnImpliedVolHigh)}");
    }

    /// <summary>Checks a strike against spot.</summary>
    /// <param name="strike">K, USD.</param>
    /// <param name="spot">S, USD.</param>
    /// <param name="at">Its cell.</param>
    /// <param name="warnings">Receives a warning; null ignores it.</param>
    /// <exception cref="InputException">K/S beyond ×<see cref="Bounds.MaxStrikeRatio"/> either way.</exception>
    public static void Strike(double strike, double spot, SourceLocation? at, InputWarnings? warnings)
    {
        double ratio = strike / spot;
        string what = $"strike: {Bounds.Text(strike)} is {Ratio(ratio)} the spot {Bounds.Text(spot)}";
        if (ratio > Bounds.MaxStrikeRatio || ratio < 1 / Bounds.MaxStrikeRatio)
            throw new InputException(at, $"{what}; strikes are within ×{Bounds.MaxStrikeRatio} of spot (a typo, or the wrong underlying?)");
        if (ratio > Bounds.WarnStrikeRatio || ratio < 1 / Bounds.WarnStrikeRatio)
            warnings?.Add("strike", at, $"{what}, beyond the usual ×{Bounds.WarnStrikeRatio}");
    }

    /// <summary>Checks every row of the market files (spots, forwards by tenor, vols and their strikes).</summary>
    /// <param name="asOf">Valuation instant.</param>
    /// <param name="spots">spots.csv rows.</param>
    /// <param name="forwards">forwards.csv rows whose underlying has a spot and whose expiry is after as_of.</param>
    /// <param name="vols">vol_surface.csv rows whose underlying has a spot.</param>
    /// <param name="warnings">Receives warnings; null ignores them.</param>
    /// <exception cref="InputException">The first value beyond an error bound.</exception>
    public static void Check(DateTimeOffset asOf, IReadOnlyList<SpotQuote> spots, IReadOnlyList<ForwardQuote> forwards, IReadOnlyList<VolQuote> vols, InputWarnings? warnings)
    {
        var spotBy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in spots)
        {
            Price(s.Spot, s.Source?.Cell("spot"), "spot");
            spotBy[s.Underlying] = s.Spot;
        }
        foreach (var f in forwards)
        {
            Price(f.Forward, f.Source?.Cell("forward"), "forward");
            Forward(f.Forward, spotBy[f.Underlying], YearFraction.Between(asOf, f.ExpiryUtc), f.Source?.Cell("forward"), "forward", warnings);
        }
        foreach (var v in vols)
        {
            ImpliedVol(v.ImpliedVol, v.Source?.Cell("implied_vol"), "implied_vol", warnings);
            Strike(v.Strike, spotBy[v.Underlying], v.Source?.Cell("strike"), warnings);
        }
    }

    /// <summary>A ratio in words: <c>1,000×</c> or <c>1/1,000 of</c>.</summary>
    private static string Ratio(double r) => r >= 1
        ? r.ToString(r < 100 ? "0.###" : "#,0", System.Globalization.CultureInfo.InvariantCulture) + "×"
        : "1/" + (1 / r).ToString(1 / r < 100 ? "0.###" : "#,0", System.Globalization.CultureInfo.InvariantCulture) + " of";
}
