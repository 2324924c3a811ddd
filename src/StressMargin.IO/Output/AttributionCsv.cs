using StressMargin.Core.Margin;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary><c>attribution.csv</c>: <c>account_id,instrument_id,quantity,value,component_es</c> (USD).</summary>
public static class AttributionCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "instrument_id", "quantity", "value", "component_es"];

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows in the order to write.</param>
    public static void Write(string path, IEnumerable<PositionAttribution> rows)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var r in rows)
        {
            w.Field(r.AccountId).Field(r.InstrumentId).Field(r.Quantity).Field(r.Value).Field(r.ComponentEs);
            w.EndRecord();
        }
    }
}
