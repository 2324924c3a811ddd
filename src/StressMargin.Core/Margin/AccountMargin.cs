using StressMargin.Core.Risk;

namespace StressMargin.Core.Margin;

/// <summary>One row of <c>margin.csv</c>: an account's equity, risk and margin, all in USD.</summary>
/// <param name="AccountId">Account id.</param>
/// <param name="Equity">Σ quantity × multiplier × V0 over the account's positions.</param>
/// <param name="ValueAtRisk">VaR of the horizon loss.</param>
/// <param name="ExpectedShortfall">ES of the horizon loss.</param>
/// <param name="EsStdError">Monte Carlo standard error of the ES (NaN when not estimable).</param>
/// <param name="InitialMargin">IM = max(ES, 0).</param>
/// <param name="MaintenanceMargin">MM = ratio × IM.</param>
/// <param name="Excess">Equity − IM (negative = deficit).</param>
/// <param name="Status">Ok, margin call or liquidation.</param>
/// <param name="Tail">The tail estimate behind the figures (tail paths for component ES).</param>
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
    TailEstimate Tail);
