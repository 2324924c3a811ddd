using StressMargin.Core.Stress;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>stress.csv</c>: <c>account_id,scenario,pnl,weight</c>, one row per account and scenario (long format), P&amp;L in USD
/// (negative = loss) before weighting; the loss counted towards margin is weight × (−pnl).
/// </summary>
public static class StressCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "scenario", "pnl", "weight"];

    /// <summary>Writes the file: accounts in book order, scenarios in file order within each account.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="result">The stress result.</param>
    public static void Write(string path, StressResult result)
    {
        using var w = new CsvTableWriter(path, Columns);
        for (int a = 0; a < result.AccountIds.Count; a++)
            for (int s = 0; s < result.Scenarios.Count; s++)
            {
                w.Field(result.AccountIds[a]).Field(result.Scenarios[s].Name).Field(result.Pnl(a, s)).Field(result.Scenarios[s].Weight);
                w.EndRecord();
            }
    }
}
