using StressMargin.Core;

namespace StressMargin.IO.Csv;

/// <summary>
/// The market data files: <c>spots.csv</c> (<c>underlying,spot</c>), <c>forwards.csv</c>
/// (<c>underlying,expiry,forward</c>) and <c>vol_surface.csv</c> (<c>underlying,expiry,strike,implied_vol</c>).
/// </summary>
public static class MarketCsv
{
    /// <summary>spots.csv columns.</summary>
    public static readonly string[] SpotColumns = ["underlying", "spot"];
    /// <summary>forwards.csv columns.</summary>
    public static readonly string[] ForwardColumns = ["underlying", "expiry", "forward"];
    /// <summary>vol_surface.csv columns.</summary>
    public static readonly string[] VolColumns = ["underlying", "expiry", "strike", "implied_vol"];

    /// <summary>Reads spots.</summary>
    /// <param name="path">File path.</param>
    /// <returns>Rows in file order.</returns>
    /// <exception cref="InputException">Missing file or column, non-positive or unparsable spot, duplicate underlying.</exception>
    public static IReadOnlyList<SpotQuote> ReadSpots(string path)
    {
        using var csv = CsvTableReader.Open(path, SpotColumns);
        var list = new List<SpotQuote>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string u = csv.Required("underlying", "an underlying symbol");
            if (!seen.TryAdd(u, csv.Line)) throw new InputException(csv.Location("underlying"), $"duplicate spot for '{u}' (first on line {seen[u]})");
            list.Add(new SpotQuote(u, csv.Number("spot", "a positive price in USD", v => v > 0), csv.RecordLocation()));
        }
        return list;
    }

    /// <summary>Reads forwards.</summary>
    /// <param name="path">File path.</param>
    /// <returns>Rows in file order.</returns>
    /// <exception cref="InputException">Missing file or column, missing or unparsable expiry, non-positive forward,
    /// duplicate (underlying, expiry).</exception>
    public static IReadOnlyList<ForwardQuote> ReadForwards(string path)
    {
        using var csv = CsvTableReader.Open(path, ForwardColumns);
        var list = new List<ForwardQuote>();
        var seen = new Dictionary<(string, DateTimeOffset), int>();
        while (csv.Read())
        {
            string u = csv.Required("underlying", "an underlying symbol");
            var expiry = csv.OptionalTimestamp("expiry") ?? throw new InputException(csv.Location("expiry"), "expiry: expected an ISO 8601 UTC date or time, got an empty cell");
            if (!seen.TryAdd((u, expiry), csv.Line)) throw new InputException(csv.Location("expiry"), $"duplicate forward for '{u}' at {IsoTime.Format(expiry)} (first on line {seen[(u, expiry)]})");
            list.Add(new ForwardQuote(u, expiry, csv.Number("forward", "a positive price in USD", v => v > 0), csv.RecordLocation()));
        }
        return list;
    }

    /// <summary>Reads implied vols.</summary>
    /// <param name="path">File path.</param>
    /// <returns>Rows in file order.</returns>
    /// <exception cref="InputException">Missing file or column, unparsable value, non-positive strike or vol,
    /// duplicate (underlying, expiry, strike).</exception>
    public static IReadOnlyList<VolQuote> ReadVols(string path)
    {
        using var csv = CsvTableReader.Open(path, VolColumns);
        var list = new List<VolQuote>();
        var seen = new Dictionary<(string, DateTimeOffset, double), int>();
        while (csv.Read())
        {
            string u = csv.Required("underlying", "an underlying symbol");
            var expiry = csv.OptionalTimestamp("expiry") ?? throw new InputException(csv.Location("expiry"), "expiry: expected an ISO 8601 UTC date or time, got an empty cell");
            double strike = csv.Number("strike", "a positive strike in USD", v => v > 0);
            double vol = csv.Number("implied_vol", "a positive annualized decimal vol (0.55 = 55%)", v => v > 0);
            if (!seen.TryAdd((u, expiry, strike), csv.Line)) throw new InputException(csv.Location("strike"), $"duplicate implied vol for '{u}' {IsoTime.Format(expiry)} strike {strike} (first on line {seen[(u, expiry, strike)]})");
            list.Add(new VolQuote(u, expiry, strike, vol, csv.RecordLocation()));
        }
        return list;
    }

    /// <summary>Writes spots.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows.</param>
    public static void WriteSpots(string path, IEnumerable<SpotQuote> rows)
    {
        using var w = new CsvTableWriter(path, SpotColumns);
        foreach (var r in rows) { w.Field(r.Underlying).Field(r.Spot); w.EndRecord(); }
    }

    /// <summary>Writes forwards.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows.</param>
    public static void WriteForwards(string path, IEnumerable<ForwardQuote> rows)
    {
        using var w = new CsvTableWriter(path, ForwardColumns);
        foreach (var r in rows) { w.Field(r.Underlying).Field(IsoTime.Format(r.ExpiryUtc)).Field(r.Forward); w.EndRecord(); }
    }

    /// <summary>Writes implied vols.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows.</param>
    public static void WriteVols(string path, IEnumerable<VolQuote> rows)
    {
        using var w = new CsvTableWriter(path, VolColumns);
        foreach (var r in rows) { w.Field(r.Underlying).Field(IsoTime.Format(r.ExpiryUtc)).Field(r.Strike).Field(r.ImpliedVol); w.EndRecord(); }
    }
}
