using StressMargin.Core;

namespace StressMargin.IO.Csv;

/// <summary><c>quotes.csv</c>: <c>instrument_id,bid,ask</c>, USD per unit (optional input, for the liquidity add-on).</summary>
public static class QuotesCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["instrument_id", "bid", "ask"];

    /// <summary>Reads the quotes.</summary>
    /// <param name="path">File path.</param>
    /// <param name="instruments">Known instrument ids.</param>
    /// <param name="sources">Receives each quote's row location by instrument id (for checks against the model value); null ignores them.</param>
    /// <returns>Bid and ask by instrument id.</returns>
    /// <exception cref="InputException">Missing file or column, unknown instrument, negative price, ask below bid, duplicate.</exception>
    public static IReadOnlyDictionary<string, (double Bid, double Ask)> Read(string path, IReadOnlySet<string> instruments, IDictionary<string, SourceLocation>? sources = null)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        var quotes = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string id = csv.Required("instrument_id", "an instrument id from instruments.csv");
            if (!instruments.Contains(id)) throw new InputException(csv.Location("instrument_id"), $"unknown instrument '{id}' (not in instruments.csv)");
            double bid = csv.Number("bid", "a non-negative bid in USD per unit", v => v >= 0);
            double ask = csv.Number("ask", "an ask in USD per unit, not below the bid", v => v >= bid);
            if (!quotes.TryAdd(id, (bid, ask))) throw new InputException(csv.Location("instrument_id"), $"duplicate quote for '{id}'");
            if (sources is not null) sources[id] = csv.RecordLocation();
        }
        return quotes;
    }

    /// <summary>Writes quotes.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="quotes">Rows (instrument id, bid, ask) in the order to write.</param>
    public static void Write(string path, IEnumerable<(string InstrumentId, double Bid, double Ask)> quotes)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var (id, bid, ask) in quotes)
        {
            w.Field(id).Field(bid).Field(ask);
            w.EndRecord();
        }
    }
}
