using StressMargin.Core;
using StressMargin.Core.MarketData;
using StressMargin.IO.Csv;
using StressMargin.IO.Plausibility;

namespace StressMargin.IO;

/// <summary>Assembles a <see cref="MarketSnapshot"/> from the rows of the market data files, checking their consistency.</summary>
public static class MarketSnapshotBuilder
{
    /// <summary>Builds the snapshot.</summary>
    /// <param name="asOf">Valuation instant.</param>
    /// <param name="spots">spots.csv rows.</param>
    /// <param name="forwards">forwards.csv rows (may be empty: forwards then equal spot).</param>
    /// <param name="vols">vol_surface.csv rows (may be empty for books without options).</param>
    /// <param name="warnings">Receives warnings on unusual values (<see cref="MarketBounds"/>); null ignores them.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InputException">A forward or vol for an underlying without spot, an expiry at or before as_of, a
    /// value beyond its plausibility bound (<see cref="MarketBounds"/>).</exception>
    public static MarketSnapshot Build(DateTimeOffset asOf, IReadOnlyList<SpotQuote> spots, IReadOnlyList<ForwardQuote> forwards, IReadOnlyList<VolQuote> vols, InputWarnings? warnings = null)
    {
        var spotBy = spots.ToDictionary(s => s.Underlying, StringComparer.Ordinal);
        foreach (var f in forwards)
        {
            if (!spotBy.ContainsKey(f.Underlying)) throw new InputException(f.Source?.Cell("underlying"), $"forward for unknown underlying '{f.Underlying}' (no row in spots.csv)");
            if (f.ExpiryUtc <= asOf) throw new InputException(f.Source?.Cell("expiry"), $"forward expiry {IsoTime.Format(f.ExpiryUtc)} is not after as_of {IsoTime.Format(asOf)}");
        }
        foreach (var v in vols.Where(v => !spotBy.ContainsKey(v.Underlying)).Take(1))
            throw new InputException(v.Source?.Cell("underlying"), $"implied vol for unknown underlying '{v.Underlying}' (no row in spots.csv)");
        MarketBounds.Check(asOf, spots, forwards, vols, warnings);
        var curves = new Dictionary<string, ForwardCurve>(StringComparer.Ordinal);
        foreach (var s in spots)
        {
            var nodes = forwards.Where(f => f.Underlying == s.Underlying).OrderBy(f => f.ExpiryUtc).ToArray();
            curves[s.Underlying] = new ForwardCurve(s.Spot, nodes.Select(n => YearFraction.Between(asOf, n.ExpiryUtc)).ToArray(), nodes.Select(n => n.Forward).ToArray());
        }
        var surfaces = new Dictionary<string, VolSurface>(StringComparer.Ordinal);
        foreach (var byUnderlying in vols.GroupBy(v => v.Underlying))
        {
            var first = byUnderlying.First();
            if (!curves.TryGetValue(byUnderlying.Key, out var curve))
                throw new InputException(first.Source?.Cell("underlying"), $"implied vol for unknown underlying '{byUnderlying.Key}' (no row in spots.csv)");
            var smiles = new List<VolSmile>();
            foreach (var byExpiry in byUnderlying.GroupBy(v => v.ExpiryUtc).OrderBy(g => g.Key))
            {
                if (byExpiry.Key <= asOf) throw new InputException(byExpiry.First().Source?.Cell("expiry"), $"vol expiry {IsoTime.Format(byExpiry.Key)} is not after as_of {IsoTime.Format(asOf)}");
                double t = YearFraction.Between(asOf, byExpiry.Key);
                var nodes = byExpiry.OrderBy(v => v.Strike).ToArray();
                smiles.Add(new VolSmile(t, curve.Forward(t), nodes.Select(n => n.Strike).ToArray(), nodes.Select(n => n.ImpliedVol).ToArray()));
            }
            surfaces[byUnderlying.Key] = new VolSurface(byUnderlying.Key, curve, smiles);
        }
        return new MarketSnapshot(asOf, curves, surfaces);
    }
}
