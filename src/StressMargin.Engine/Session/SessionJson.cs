using System.Text.Json;
using System.Text.Json.Serialization;
using StressMargin.Core.Margin;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Engine.Session;

/// <summary>
/// The JSON documents of <c>whatif --output json</c> and of <c>serve</c> (docs/formats.md §7.8–7.9): snake_case names,
/// margin rows with margin.csv's column names, numbers in shortest round-trip form, a value that does not exist
/// (an ES error that cannot be estimated, a stress loss without scenarios) as <c>null</c>.
/// </summary>
public static class SessionJson
{
    /// <summary>Serializer options of every session document.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>NaN as null.</summary>
    /// <param name="v">A value.</param>
    /// <returns>The value or null.</returns>
    public static double? Number(double v) => double.IsNaN(v) ? null : v;
}

/// <summary>One account's margin: the columns of margin.csv.</summary>
/// <param name="AccountId">Account id.</param>
/// <param name="Equity">USD.</param>
/// <param name="Var">VaR, USD loss.</param>
/// <param name="Es">ES, USD loss.</param>
/// <param name="EsStdError">Its Monte Carlo error, null when not estimable.</param>
/// <param name="InitialMargin">IM, USD.</param>
/// <param name="MaintenanceMargin">MM, USD.</param>
/// <param name="Excess">Equity − IM.</param>
/// <param name="Status"><c>ok</c>, <c>margin_call</c>, <c>liquidation</c>.</param>
/// <param name="StressLoss">Worst weighted stress loss, null without scenarios.</param>
/// <param name="WorstScenario">Its scenario.</param>
/// <param name="Addons">Liquidity + market impact + concentration.</param>
/// <param name="LiquiditySpread">Liquidity add-on (spread part of the liquidation cost), USD.</param>
/// <param name="MarketImpact">Market-impact add-on (size-dependent part of the liquidation cost), USD.</param>
/// <param name="Concentration">Concentration add-on, USD.</param>
/// <param name="DepthFallbacks">Risky positions without depth data.</param>
/// <param name="ImDriver"><c>es</c>, <c>stress</c>, <c>short_option_minimum</c>, <c>addons</c>, <c>none</c>.</param>
/// <param name="CallAmount">IM − equity when not ok.</param>
/// <param name="MmShortfall">MM − equity in liquidation.</param>
/// <param name="ShortOptionMinimum">USD.</param>
/// <param name="LiquidationSpotMove">Smallest relative spot move to equity &lt; MM; null when none.</param>
/// <param name="LiquidationScenario">Its path.</param>
/// <param name="DefaultSpotMove">Smallest relative spot move to equity &lt; 0; null when none.</param>
/// <param name="DefaultScenario">Its path.</param>
/// <param name="CollateralHaircut">Haircuts deducted from equity, USD.</param>
public sealed record MarginRowJson(
    string AccountId, double Equity, double? Var, double? Es, double? EsStdError, double InitialMargin, double MaintenanceMargin, double Excess,
    string Status, double? StressLoss, string? WorstScenario, double Addons, double LiquiditySpread, double MarketImpact, double Concentration, int DepthFallbacks, string ImDriver, double CallAmount, double MmShortfall,
    double ShortOptionMinimum, double? LiquidationSpotMove, string? LiquidationScenario, double? DefaultSpotMove, string? DefaultScenario, double CollateralHaircut)
{
    /// <summary>The row of a margin.</summary>
    /// <param name="m">The margin.</param>
    /// <returns>The row.</returns>
    public static MarginRowJson From(AccountMargin m)
    {
        var r = m.ReverseStress ?? Core.Stress.Reverse.DistanceToLiquidation.None;
        return new(m.AccountId, m.Equity, SessionJson.Number(m.ValueAtRisk), SessionJson.Number(m.ExpectedShortfall), SessionJson.Number(m.EsStdError),
            m.InitialMargin, m.MaintenanceMargin, m.Excess, MarginCsv.StatusName(m.Status), SessionJson.Number(m.StressLoss), m.WorstScenario, m.AddOns,
            m.AddOnParts?.Liquidity ?? 0.0, m.AddOnParts?.MarketImpact ?? 0.0, m.AddOnParts?.Concentration ?? 0.0, m.AddOnParts?.DepthFallbacks ?? 0,
            MarginCsv.DriverName(m.Driver), m.CallAmount, m.MaintenanceShortfall, m.ShortOptionMinimum,
            SessionJson.Number(r.LiquidationSpotMove), r.LiquidationScenario, SessionJson.Number(r.DefaultSpotMove), r.DefaultScenario, m.CollateralHaircut);
    }
}

/// <summary>A trade or a position: an instrument and a signed quantity of contracts.</summary>
/// <param name="Instrument">Instrument id.</param>
/// <param name="Quantity">Signed contracts.</param>
public sealed record QuantityJson(string Instrument, double Quantity);

/// <summary>The result of a what-if.</summary>
/// <param name="Account">Account id.</param>
/// <param name="AsOf">Valuation instant.</param>
/// <param name="Paths">Monte Carlo paths n.</param>
/// <param name="Seed">Philox seed.</param>
/// <param name="Snapshot">The session snapshot it ran on (<c>serve</c>); null for the command line.</param>
/// <param name="Trades">The trades as given.</param>
/// <param name="Before">The account's margin now.</param>
/// <param name="After">Its margin with the trades.</param>
/// <param name="PositionsAfter">Its positions with the trades.</param>
/// <param name="Delta">After − before with standard errors.</param>
/// <param name="StatusChanged">Whether the status differs.</param>
public sealed record WhatIfJson(string Account, string AsOf, int Paths, ulong Seed, long? Snapshot, IReadOnlyList<QuantityJson> Trades,
    MarginRowJson Before, MarginRowJson After, IReadOnlyList<QuantityJson> PositionsAfter, DeltaJson Delta, bool StatusChanged)
{
    /// <summary>The document of a result.</summary>
    /// <param name="r">The result.</param>
    /// <param name="input">The scenario it ran on.</param>
    /// <param name="snapshot">The snapshot version, or null.</param>
    /// <returns>The document.</returns>
    public static WhatIfJson From(WhatIfResult r, LoadedScenario input, long? snapshot) => new(
        r.AccountId, IsoTime.Format(input.Scenario.AsOf), input.Scenario.Simulation.Paths, input.Scenario.Simulation.Seed, snapshot,
        r.Trades.Select(t => new QuantityJson(t.InstrumentId, t.Quantity)).ToArray(),
        MarginRowJson.From(r.Before), MarginRowJson.From(r.After),
        r.AfterPositions.Select(p => new QuantityJson(p.Instrument.Id, p.Quantity)).ToArray(),
        DeltaJson.From(r.Delta), r.Before.Status != r.After.Status);
}

/// <summary>After − before of a what-if (USD) with its standard errors.</summary>
/// <param name="InitialMargin">ΔIM.</param>
/// <param name="MaintenanceMargin">ΔMM.</param>
/// <param name="Equity">Δ equity.</param>
/// <param name="Es">ΔES.</param>
/// <param name="EsTerm">Δ ES term of IM.</param>
/// <param name="StressLoss">Δ stress loss.</param>
/// <param name="ShortOptionMinimum">Δ short-option minimum.</param>
/// <param name="Addons">Δ add-ons.</param>
/// <param name="Driver">What moved IM.</param>
/// <param name="ImStdError">SE of ΔIM on common paths.</param>
/// <param name="ImStdErrorIndependent">SE of ΔIM from two independent runs.</param>
/// <param name="EsStdError">SE of ΔES on common paths.</param>
/// <param name="EsStdErrorIndependent">SE of ΔES from two independent runs.</param>
/// <param name="Batches">Batches of the errors.</param>
public sealed record DeltaJson(double InitialMargin, double MaintenanceMargin, double Equity, double? Es, double? EsTerm, double? StressLoss,
    double ShortOptionMinimum, double Addons, string Driver, double? ImStdError, double? ImStdErrorIndependent, double? EsStdError, double? EsStdErrorIndependent, int Batches)
{
    /// <summary>The document of a delta.</summary>
    /// <param name="d">The delta.</param>
    /// <returns>The document.</returns>
    public static DeltaJson From(WhatIfDelta d) => new(d.InitialMargin, d.MaintenanceMargin, d.Equity, SessionJson.Number(d.ExpectedShortfall), SessionJson.Number(d.EsTerm),
        SessionJson.Number(d.StressLoss), d.ShortOptionMinimum, d.AddOns, MarginCsv.DriverName(d.Driver), SessionJson.Number(d.InitialMarginStdError),
        SessionJson.Number(d.InitialMarginStdErrorIndependent), SessionJson.Number(d.EsStdError), SessionJson.Number(d.EsStdErrorIndependent), d.Batches);
}

/// <summary><c>GET /accounts/{id}</c>.</summary>
/// <param name="Account">Account id.</param>
/// <param name="Snapshot">Snapshot version.</param>
/// <param name="AsOf">Valuation instant.</param>
/// <param name="Margin">Its margin row.</param>
/// <param name="EsTerm">ES × es_multiplier × buffer.</param>
/// <param name="Liquidity">Liquidity add-on (spread part of the liquidation cost).</param>
/// <param name="MarketImpact">Market-impact add-on (size-dependent part of the liquidation cost).</param>
/// <param name="Concentration">Concentration add-on.</param>
/// <param name="GrossNotional">Σ |quantity × multiplier| × spot.</param>
/// <param name="Positions">Each position's value and component ES.</param>
/// <param name="WorstScenarios">The five largest weighted stress losses.</param>
/// <param name="Explanation">In words.</param>
public sealed record AccountJson(string Account, long Snapshot, string AsOf, MarginRowJson Margin, double? EsTerm, double Liquidity, double MarketImpact, double Concentration, double GrossNotional,
    IReadOnlyList<PositionJson> Positions, IReadOnlyList<ScenarioLossJson> WorstScenarios, string Explanation)
{
    /// <summary>The document of a report.</summary>
    /// <param name="r">The report.</param>
    /// <param name="session">Its snapshot.</param>
    /// <returns>The document.</returns>
    public static AccountJson From(AccountReport r, MarginSession session) => new(
        r.Margin.AccountId, session.Version, IsoTime.Format(session.Input.Scenario.AsOf), MarginRowJson.From(r.Margin), SessionJson.Number(r.EsTerm),
        r.AddOns.Liquidity, r.AddOns.MarketImpact, r.AddOns.Concentration, r.AddOns.GrossNotionalUsd,
        r.Positions.Select(p => new PositionJson(p.InstrumentId, p.Quantity, p.Value, p.ComponentEs)).ToArray(),
        r.WorstScenarios.Select(s => new ScenarioLossJson(s.Scenario, s.Pnl, s.Weight, s.WeightedLoss)).ToArray(), r.Explanation);
}

/// <summary>A position's value and component ES.</summary>
/// <param name="Instrument">Instrument id.</param>
/// <param name="Quantity">Signed contracts.</param>
/// <param name="Value">quantity × multiplier × V0, USD.</param>
/// <param name="ComponentEs">Its share of the account's ES, USD.</param>
public sealed record PositionJson(string Instrument, double Quantity, double Value, double ComponentEs);

/// <summary>A stress scenario's loss for an account.</summary>
/// <param name="Scenario">Name.</param>
/// <param name="Pnl">P&amp;L, USD.</param>
/// <param name="Weight">Weight.</param>
/// <param name="WeightedLoss">weight × (−P&amp;L).</param>
public sealed record ScenarioLossJson(string Scenario, double Pnl, double Weight, double WeightedLoss);

/// <summary>An account whose status changed.</summary>
/// <param name="Account">Account id.</param>
/// <param name="StatusBefore">Status before (null when added).</param>
/// <param name="StatusAfter">Status after (null when removed).</param>
/// <param name="InitialMarginBefore">IM before.</param>
/// <param name="InitialMarginAfter">IM after.</param>
/// <param name="EquityBefore">Equity before.</param>
/// <param name="EquityAfter">Equity after.</param>
public sealed record StatusChangeJson(string Account, string? StatusBefore, string? StatusAfter, double? InitialMarginBefore, double? InitialMarginAfter, double? EquityBefore, double? EquityAfter)
{
    /// <summary>The document of a change.</summary>
    /// <param name="c">The change.</param>
    /// <returns>The document.</returns>
    public static StatusChangeJson From(StatusChange c) => new(c.AccountId,
        c.Before is null ? null : MarginCsv.StatusName(c.Before.Status), c.After is null ? null : MarginCsv.StatusName(c.After.Status),
        c.Before?.InitialMargin, c.After?.InitialMargin, c.Before?.Equity, c.After?.Equity);
}

/// <summary><c>POST /market</c>'s answer.</summary>
/// <param name="Snapshot">The new snapshot.</param>
/// <param name="AsOf">Its valuation instant.</param>
/// <param name="Source">The update in words.</param>
/// <param name="Accounts">Accounts re-margined.</param>
/// <param name="Seconds">Seconds to re-price, simulate and re-margin.</param>
/// <param name="AccountsByStatus">Counts of ok, margin_call, liquidation.</param>
/// <param name="Changed">The accounts whose status changed.</param>
public sealed record MarketJson(long Snapshot, string AsOf, string Source, int Accounts, double Seconds, IReadOnlyDictionary<string, int> AccountsByStatus, IReadOnlyList<StatusChangeJson> Changed);

/// <summary><c>POST /positions</c>'s answer.</summary>
/// <param name="Snapshot">The new snapshot.</param>
/// <param name="Account">Account id.</param>
/// <param name="Before">Its margin before (null when new).</param>
/// <param name="After">Its margin after (null when removed).</param>
/// <param name="StatusChanged">Whether the status differs.</param>
/// <param name="Seconds">Seconds to re-margin.</param>
public sealed record PositionsJson(long Snapshot, string Account, MarginRowJson? Before, MarginRowJson? After, bool StatusChanged, double Seconds);

/// <summary><c>GET /health</c>.</summary>
/// <param name="Status"><c>ok</c>.</param>
/// <param name="Version">Tool version.</param>
/// <param name="Snapshot">Current snapshot.</param>
/// <param name="Scenario">Scenario file.</param>
/// <param name="AsOf">Valuation instant.</param>
/// <param name="MarketSource">Where the market came from.</param>
/// <param name="Accounts">Accounts.</param>
/// <param name="Paths">Paths.</param>
/// <param name="Instruments">Cached instrument rows.</param>
/// <param name="CacheBytes">Memory of the cached rows.</param>
/// <param name="UptimeSeconds">Seconds since start.</param>
public sealed record HealthJson(string Status, string Version, long Snapshot, string Scenario, string AsOf, string MarketSource, int Accounts, int Paths, int Instruments, long CacheBytes, double UptimeSeconds);
