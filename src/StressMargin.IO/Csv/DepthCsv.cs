using StressMargin.Core;
using StressMargin.Core.Margin.AddOns;

namespace StressMargin.IO.Csv;

/// <summary>
/// <c>depth.csv</c>: <c>instrument_id,open_interest,volume_24h</c>, contracts (the quantity unit of positions.csv),
/// either value may be empty (unknown); optional input for the market-impact add-on (docs/formats.md §4.9). A scenario
/// may name several depth files; an instrument may appear in only one of them.
/// </summary>
public static class DepthCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["instrument_id", "open_interest", "volume_24h"];

    /// <summary>Reads depth files in order into one table.</summary>
    /// <param name="paths">File paths.</param>
    /// <param name="instruments">Known instrument ids.</param>
    /// <returns>Depth by instrument id (each with the location of its row).</returns>
    /// <exception cref="InputException">Missing file or column, unknown instrument, a negative or non-finite value, a
    /// row with neither value, an instrument given twice (in one file or across files).</exception>
    public static IReadOnlyDictionary<string, InstrumentDepth> Read(IEnumerable<string> paths, IReadOnlySet<string> instruments)
    {
        var depth = new Dictionary<string, InstrumentDepth>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            using var csv = CsvTableReader.Open(path, Columns);
            while (csv.Read())
            {
                string id = csv.Required("instrument_id", "an instrument id from instruments.csv");
                if (!instruments.Contains(id)) throw new InputException(csv.Location("instrument_id"), $"unknown instrument '{id}' (not in instruments.csv)");
                double? oi = csv.OptionalNumber("open_interest", "a non-negative number of contracts open (or empty)", v => v >= 0 && double.IsFinite(v));
                double? volume = csv.OptionalNumber("volume_24h", "a non-negative number of contracts traded in 24 hours (or empty)", v => v >= 0 && double.IsFinite(v));
                if (oi is null && volume is null) throw new InputException(csv.Location("open_interest"), $"depth row for '{id}' has neither open_interest nor volume_24h; leave the instrument out instead");
                var row = new InstrumentDepth(oi, volume, csv.RecordLocation());
                if (!depth.TryAdd(id, row)) throw new InputException(csv.Location("instrument_id"), $"duplicate depth for '{id}' (first at {depth[id].Source})");
            }
        }
        return depth;
    }

    /// <summary>Writes depth rows.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows (instrument id, open interest, 24-hour volume; null = unknown) in the order to write.</param>
    public static void Write(string path, IEnumerable<(string InstrumentId, double? OpenInterest, double? Volume24h)> rows)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var (id, oi, volume) in rows)
        {
            w.Field(id).Field(oi).Field(volume);
            w.EndRecord();
        }
    }
}
