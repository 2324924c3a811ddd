namespace StressMargin.Core.Greeks;

/// <summary>
/// Sensitivities of one unit of an instrument (before the multiplier) to its underlying's spot S, with every forward
/// of the underlying moving in proportion to spot (the engine's stress and Monte Carlo convention: F(T) → F(T)·S1/S0),
/// to its own implied vol (sticky strike, the base surface's σ(K, T)), and to calendar time (forward and vol held).
/// </summary>
/// <param name="Delta">∂V/∂S, units of underlying (e.g. BTC) per unit.</param>
/// <param name="Gamma">∂²V/∂S², units of underlying per USD per unit.</param>
/// <param name="Vega">∂V/∂σ, USD per unit of annualized decimal vol.</param>
/// <param name="Theta">∂V/∂t, USD per year of calendar time.</param>
public readonly record struct UnitGreeks(double Delta, double Gamma, double Vega, double Theta)
{
    /// <summary>No sensitivity (cash).</summary>
    public static UnitGreeks Zero => default;
}
