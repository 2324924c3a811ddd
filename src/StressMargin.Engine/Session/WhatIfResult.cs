using StressMargin.Core.Margin;
using StressMargin.Core.Portfolio;

namespace StressMargin.Engine.Session;

/// <summary>
/// The change of one account's margin under hypothetical trades, on common random numbers: before and after are
/// margined on the same simulated paths, so their Monte Carlo errors largely cancel in the difference
/// (docs/model.md §9.5).
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Trades">The trades, as given.</param>
/// <param name="Before">The account's margin row now (what <c>run</c> writes for it).</param>
/// <param name="After">Its margin row with the trades booked (what <c>run</c> would write on that book).</param>
/// <param name="AfterPositions">The account's positions after the trades, in book order.</param>
/// <param name="Delta">Changes, their driver and their standard errors.</param>
public sealed record WhatIfResult(string AccountId, IReadOnlyList<Trade> Trades, AccountMargin Before, AccountMargin After, IReadOnlyList<Position> AfterPositions, WhatIfDelta Delta);

/// <summary>After − before, USD, with Monte Carlo standard errors.</summary>
/// <param name="InitialMargin">ΔIM.</param>
/// <param name="MaintenanceMargin">ΔMM.</param>
/// <param name="Equity">Δ equity (the trades' value at t0).</param>
/// <param name="ExpectedShortfall">ΔES.</param>
/// <param name="EsTerm">Δ(ES × es_multiplier × buffer), the ES term of IM.</param>
/// <param name="StressLoss">Δ worst weighted stress loss (NaN without stress scenarios).</param>
/// <param name="ShortOptionMinimum">Δ short-option minimum.</param>
/// <param name="AddOns">Δ liquidity + concentration add-ons.</param>
/// <param name="Driver">What moved IM (docs/model.md §9.5): <c>es</c>, <c>stress</c>, <c>short_option_minimum</c>,
/// <c>addons</c>, or <c>none</c> when IM did not change.</param>
/// <param name="InitialMarginStdError">Batch-means standard error of ΔIM on the common paths (NaN when not estimable).</param>
/// <param name="InitialMarginStdErrorIndependent">The standard error ΔIM would have from two independent runs:
/// √(SE(IM_before)² + SE(IM_after)²) from the same batches.</param>
/// <param name="EsStdError">Batch-means standard error of ΔES on the common paths.</param>
/// <param name="EsStdErrorIndependent">√(SE(ES_before)² + SE(ES_after)²), the two accounts' es_std_error combined.</param>
/// <param name="Batches">Batches B of the standard errors.</param>
public sealed record WhatIfDelta(
    double InitialMargin,
    double MaintenanceMargin,
    double Equity,
    double ExpectedShortfall,
    double EsTerm,
    double StressLoss,
    double ShortOptionMinimum,
    double AddOns,
    ImDriver Driver,
    double InitialMarginStdError,
    double InitialMarginStdErrorIndependent,
    double EsStdError,
    double EsStdErrorIndependent,
    int Batches);
