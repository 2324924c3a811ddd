using StressMargin.Core.Greeks;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>greeks.csv</c>: <c>account_id,level,instrument_id,underlying,quantity,spot,delta,delta_usd,gamma,gamma_usd,vega_usd,theta_usd</c>.
/// <c>level</c> is <c>position</c> or <c>account</c> (an account's sum over its positions on one underlying, with empty
/// <c>instrument_id</c> and <c>quantity</c>). Units: delta in units of underlying, delta_usd = Δ·S0 (USD), gamma in units of
/// underlying per USD, gamma_usd = Γ·S0²/100 (USD per 1 % move), vega_usd per vol point (USD), theta_usd per calendar day (USD).
/// </summary>
public static class GreeksCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "level", "instrument_id", "underlying", "quantity", "spot", "delta", "delta_usd", "gamma", "gamma_usd", "vega_usd", "theta_usd"];

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="rows">Rows in the order to write (<see cref="BookGreeks.Compute"/>).</param>
    public static void Write(string path, IEnumerable<PositionGreeks> rows)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var r in rows)
        {
            w.Field(r.AccountId).Field(r.InstrumentId is null ? "account" : "position").Field(r.InstrumentId).Field(r.Underlying).Field(r.Quantity).Field(r.SpotUsd)
                .Field(r.Delta).Field(r.DeltaUsd).Field(r.Gamma).Field(r.GammaUsd).Field(r.VegaUsd).Field(r.ThetaUsd);
            w.EndRecord();
        }
    }
}
