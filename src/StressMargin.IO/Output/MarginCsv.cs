using StressMargin.Core.Margin;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>margin.csv</c>: <c>account_id,equity,var,es,es_std_error,initial_margin,maintenance_margin,excess,status</c>,
/// USD in shortest round-trip form; an ES standard error that cannot be estimated is an empty field.
/// </summary>
public static class MarginCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "equity", "var", "es", "es_std_error", "initial_margin", "maintenance_margin", "excess", "status"];

    /// <summary>The file spelling of a status.</summary>
    /// <param name="status">Status.</param>
    /// <returns><c>ok</c>, <c>margin_call</c> or <c>liquidation</c>.</returns>
    public static string StatusName(MarginStatus status) => status switch
    {
        MarginStatus.Ok => "ok",
        MarginStatus.MarginCall => "margin_call",
        _ => "liquidation",
    };

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination (a temporary name when part of an <see cref="AtomicFileSet"/>).</param>
    /// <param name="accounts">Rows in the order to write.</param>
    public static void Write(string path, IEnumerable<AccountMargin> accounts)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var a in accounts)
        {
            w.Field(a.AccountId).Field(a.Equity).Field(a.ValueAtRisk).Field(a.ExpectedShortfall).Field(a.EsStdError)
             .Field(a.InitialMargin).Field(a.MaintenanceMargin).Field(a.Excess).Field(StatusName(a.Status));
            w.EndRecord();
        }
    }
}
