namespace StressMargin.Core.Stress;

/// <summary>
/// A relative shock to implied vols: σ' = σ·(1 + shift·s(T)) with s the optional <see cref="TermScaling"/> (1 without),
/// then, for an upward shift, σ' = max(σ', <see cref="MinVol"/>) (Deribit's minimum shocked-up vol); finally the
/// scenario's skew tilt is added and the result floored at <see cref="StressMove.VolFloor"/>.
/// </summary>
/// <param name="Shift">Relative shift: +0.5 multiplies vols by 1.5 (before term scaling), −0.25 by 0.75.</param>
/// <param name="Term">Term scaling, or null for the same shift at every expiry.</param>
/// <param name="MinVol">Floor on the shocked vol when <paramref name="Shift"/> &gt; 0, annualized decimal; null for none.</param>
public sealed record VolShock(double Shift, TermScaling? Term = null, double? MinVol = null)
{
    /// <summary>The shocked vol before any skew tilt.</summary>
    /// <param name="vol">σ, annualized decimal.</param>
    /// <param name="daysToExpiry">Calendar days to expiry from t0.</param>
    /// <returns>σ'.</returns>
    public double Apply(double vol, double daysToExpiry)
    {
        double shocked = vol * (1.0 + Shift * (Term?.Factor(daysToExpiry) ?? 1.0));
        return Shift > 0 && MinVol is { } floor ? Math.Max(shocked, floor) : shocked;
    }
}
