namespace StressMargin.Core.Greeks;

/// <summary>
/// One row of <c>greeks.csv</c>: the Greeks of a position (quantity × multiplier × the unit's Greeks) or of an account's
/// positions on one underlying (their sum). USD columns use the underlying's spot S0.
/// </summary>
/// <param name="AccountId">Account.</param>
/// <param name="InstrumentId">Instrument, or null for an account row.</param>
/// <param name="Underlying">Underlying symbol (the currency for cash).</param>
/// <param name="Quantity">Signed contracts; null for an account row.</param>
/// <param name="SpotUsd">S0 of the underlying, USD (1 for cash).</param>
/// <param name="Delta">∂V/∂S, units of underlying.</param>
/// <param name="Gamma">∂²V/∂S², units of underlying per USD.</param>
/// <param name="Vega">∂V/∂σ, USD per unit of annualized decimal vol.</param>
/// <param name="Theta">∂V/∂t, USD per year.</param>
public sealed record PositionGreeks(string AccountId, string? InstrumentId, string Underlying, double? Quantity, double SpotUsd,
    double Delta, double Gamma, double Vega, double Theta)
{
    /// <summary>Delta notional Δ·S0, USD (the P&amp;L of a 1 % spot move is 1 % of it).</summary>
    public double DeltaUsd => Delta * SpotUsd;

    /// <summary>Cash gamma Γ·S0²/100: the change of <see cref="DeltaUsd"/> for a 1 % spot move, USD.</summary>
    public double GammaUsd => Gamma * SpotUsd * SpotUsd / 100.0;

    /// <summary>Vega per vol point, ∂V/∂σ × 0.01, USD.</summary>
    public double VegaUsd => Vega / 100.0;

    /// <summary>Theta per calendar day, ∂V/∂t / 365, USD.</summary>
    public double ThetaUsd => Theta / MarketData.YearFraction.DaysPerYear;
}
