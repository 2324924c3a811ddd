using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.IO.Csv;

/// <summary><c>positions.csv</c>: <c>account_id,instrument_id,quantity</c> (signed contracts).</summary>
public static class PositionsCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "instrument_id", "quantity"];

    /// <summary>Reads every position.</summary>
    /// <param name="path">File path.</param>
    /// <param name="instruments">Known instruments by id.</param>
    /// <returns>Positions in file order.</returns>
    /// <exception cref="InputException">Missing file or column, unknown instrument, unparsable quantity, or the same
    /// instrument twice in one account.</exception>
    public static IReadOnlyList<Position> Read(string path, IReadOnlyDictionary<string, Instrument> instruments)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        var list = new List<Position>();
        var seen = new Dictionary<(string, string), int>();
        while (csv.Read())
        {
            string account = csv.Required("account_id", "an account id");
            string id = csv.Required("instrument_id", "an instrument id from instruments.csv");
            if (!instruments.TryGetValue(id, out var instrument))
                throw new InputException(csv.Location("instrument_id"), $"unknown instrument '{id}' (not in instruments.csv)");
            double quantity = csv.Number("quantity", "a signed number of contracts");
            if (!seen.TryAdd((account, id), csv.Line))
                throw new InputException(csv.Location("instrument_id"), $"account '{account}' holds '{id}' twice (first on line {seen[(account, id)]}); merge the quantities");
            list.Add(new Position(account, instrument, quantity, csv.RecordLocation()));
        }
        return list;
    }

    /// <summary>Writes positions.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="positions">Positions in the order to write.</param>
    public static void Write(string path, IEnumerable<Position> positions)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var p in positions)
        {
            w.Field(p.AccountId).Field(p.Instrument.Id).Field(p.Quantity);
            w.EndRecord();
        }
    }
}
