namespace StressMargin.Core.Stress;

/// <summary>
/// The deterministic move of one underlying in a stress scenario, applied at t0 + horizon:
/// spot and every forward move by the factor (1 + <see cref="SpotMove"/>); implied vols are shocked by
/// <see cref="VolShift"/>, then tilted by <see cref="SkewTilt"/>·k with k = ln(K/F0(T)) and floored at
/// <see cref="VolFloor"/>. With a <see cref="Basis"/> shift, dated futures and option forwards move by the further
/// factor e^{Δb(days to expiry)} (a basis blow-out); spot and perpetuals do not. With <see cref="Funding8h"/>, a
/// perpetual also accrues funding over the horizon: a long pays rate × S0 × (horizon hours / 8) per unit
/// (<see cref="Instruments.PerpetualFunding"/>; Deribit, "Funding Specifications").
/// </summary>
/// <param name="SpotMove">Relative spot move, e.g. −0.30 for a 30 % fall; must exceed −1.</param>
/// <param name="VolShift">Vol shock, or null for unchanged vols.</param>
/// <param name="SkewTilt">Absolute vol change per unit of log-moneyness (e.g. −0.1: puts up, calls down).</param>
/// <param name="Basis">Change of the log-basis ln(F(T)/S) by tenor, or null for a constant basis.</param>
/// <param name="Funding8h">Perpetual funding rate per 8 hours over the horizon (decimal, 0.001 = 0.1 %; positive: longs pay); 0 for none.</param>
public sealed record StressMove(double SpotMove = 0, VolShock? VolShift = null, double SkewTilt = 0, BasisShift? Basis = null, double Funding8h = 0)
{
    /// <summary>The factor F1/F0 of the forward of an expiry: (1 + spot move) × e^{Δb(days)}.</summary>
    /// <param name="daysToExpiry">Calendar days from t0 to expiry.</param>
    /// <returns>The forward factor.</returns>
    public double ForwardFactor(double daysToExpiry) => (1.0 + SpotMove) * (Basis is null ? 1.0 : Math.Exp(Basis.At(daysToExpiry)));

    /// <summary>Smallest shocked vol (1e-4, i.e. 0.01 %): keeps a large downward shock or tilt from a negative vol.</summary>
    public const double VolFloor = 1e-4;

    /// <summary>No move at all.</summary>
    public static StressMove None { get; } = new();

    /// <summary>The shocked implied vol of an option.</summary>
    /// <param name="vol">Its vol before the shock (sticky strike or sticky moneyness), annualized decimal.</param>
    /// <param name="daysToExpiry">Calendar days from t0 to expiry.</param>
    /// <param name="logMoneyness">k = ln(K / F0(T)).</param>
    /// <returns>σ' ≥ <see cref="VolFloor"/>.</returns>
    public double ShockVol(double vol, double daysToExpiry, double logMoneyness)
    {
        double shocked = VolShift?.Apply(vol, daysToExpiry) ?? vol;
        return Math.Max(shocked + SkewTilt * logMoneyness, VolFloor);
    }
}
