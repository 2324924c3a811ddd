using StressMargin.Core.Margin;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>margin.csv</c>: <c>account_id,equity,var,es,es_std_error,initial_margin,maintenance_margin,excess,status,
/// stress_loss,worst_scenario,addons,liquidity_spread,market_impact,concentration,depth_fallbacks,im_driver,call_amount,
/// mm_shortfall,short_option_minimum,liquidation_spot_move,liquidation_scenario,default_spot_move,default_scenario,
/// collateral_haircut</c>, USD in shortest round-trip form (spot moves relative), <c>addons</c> the sum of the three
/// add-on columns after it, <c>depth_fallbacks</c> the count of positions without depth data and
/// <c>collateral_haircut</c> the haircuts already deducted from <c>equity</c>; a value
/// that does not exist (an ES standard error that cannot be estimated, a stress loss without stress scenarios) is an
/// empty field.
/// </summary>
public static class MarginCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns =
    [
        "account_id", "equity", "var", "es", "es_std_error", "initial_margin", "maintenance_margin", "excess", "status",
        "stress_loss", "worst_scenario", "addons", "liquidity_spread", "market_impact", "concentration", "depth_fallbacks", "im_driver", "call_amount", "mm_shortfall", "short_option_minimum",
        "liquidation_spot_move", "liquidation_scenario", "default_spot_move", "default_scenario", "collateral_haircut",
    ];

    /// <summary>The file spelling of an IM driver.</summary>
    /// <param name="driver">Driver.</param>
    /// <returns><c>es</c>, <c>stress</c>, <c>short_option_minimum</c>, <c>addons</c> or <c>none</c>.</returns>
    public static string DriverName(ImDriver driver) => driver switch
    {
        ImDriver.Es => "es",
        ImDriver.Stress => "stress",
        ImDriver.ShortOptionMinimum => "short_option_minimum",
        ImDriver.AddOns => "addons",
        _ => "none",
    };

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
             .Field(a.InitialMargin).Field(a.MaintenanceMargin).Field(a.Excess).Field(StatusName(a.Status))
             .Field(a.StressLoss).Field(a.WorstScenario).Field(a.AddOns)
             .Field(a.AddOnParts?.Liquidity ?? 0.0).Field(a.AddOnParts?.MarketImpact ?? 0.0).Field(a.AddOnParts?.Concentration ?? 0.0).Field(a.AddOnParts?.DepthFallbacks ?? 0)
             .Field(DriverName(a.Driver)).Field(a.CallAmount).Field(a.MaintenanceShortfall).Field(a.ShortOptionMinimum);
            var r = a.ReverseStress ?? Core.Stress.Reverse.DistanceToLiquidation.None;
            w.Field(r.LiquidationSpotMove).Field(r.LiquidationScenario).Field(r.DefaultSpotMove).Field(r.DefaultScenario).Field(a.CollateralHaircut);
            w.EndRecord();
        }
    }
}
