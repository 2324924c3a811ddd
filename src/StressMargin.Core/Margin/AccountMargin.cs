using StressMargin.Core.Risk;
using StressMargin.Core.Stress.Reverse;

namespace StressMargin.Core.Margin;

/// <summary>One row of <c>margin.csv</c>: an account's equity, risk and margin, all in USD.</summary>
/// <param name="AccountId">Account id.</param>
/// <param name="Equity">Σ quantity × multiplier × V0 over the account's positions, less <paramref name="CollateralHaircut"/>.</param>
/// <param name="ValueAtRisk">VaR of the horizon loss.</param>
/// <param name="ExpectedShortfall">ES of the horizon loss.</param>
/// <param name="EsStdError">Monte Carlo standard error of the ES (NaN when not estimable).</param>
/// <param name="InitialMargin">IM = max(ES × es_multiplier, stress loss, short-option minimum) + add-ons, ≥ 0.</param>
/// <param name="MaintenanceMargin">MM = ratio × IM, or the tiered MM capped at IM.</param>
/// <param name="Excess">Equity − IM (negative = deficit).</param>
/// <param name="Status">Ok, margin call or liquidation.</param>
/// <param name="Tail">The tail estimate behind the figures (tail paths for component ES).</param>
/// <param name="StressLoss">Worst weighted stress loss (NaN without stress scenarios).</param>
/// <param name="WorstScenario">The scenario of <paramref name="StressLoss"/>, or null.</param>
/// <param name="AddOns">Liquidity + market impact + concentration add-ons.</param>
/// <param name="Driver">Which term set IM.</param>
/// <param name="CallAmount">IM − equity when the status is not ok (the margin call), else 0.</param>
/// <param name="MaintenanceShortfall">MM − equity in liquidation, else 0.</param>
/// <param name="ShortOptionMinimum">The short-option minimum (a floor on the risk term; 0 when off).</param>
/// <param name="ReverseStress">Distance to liquidation and default (reverse stress), or null when not computed.</param>
/// <param name="AddOnParts">Each add-on behind <paramref name="AddOns"/> (for margin.csv's column per add-on), or null when none were given.</param>
/// <param name="CollateralHaircut">The haircuts on the account's collateral deducted from its equity (0 without a collateral table).</param>
public sealed record AccountMargin(
    string AccountId,
    double Equity,
    double ValueAtRisk,
    double ExpectedShortfall,
    double EsStdError,
    double InitialMargin,
    double MaintenanceMargin,
    double Excess,
    MarginStatus Status,
    TailEstimate Tail,
    double StressLoss = double.NaN,
    string? WorstScenario = null,
    double AddOns = 0,
    ImDriver Driver = ImDriver.Es,
    double CallAmount = 0,
    double MaintenanceShortfall = 0,
    double ShortOptionMinimum = 0,
    DistanceToLiquidation? ReverseStress = null,
    AddOns.AccountAddOns? AddOnParts = null,
    double CollateralHaircut = 0);
