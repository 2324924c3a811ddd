using StressMargin.Core.Margin;
using StressMargin.Core.Risk;

namespace StressMargin.Engine.Calibration;

/// <summary>
/// The anti-procyclicality margin buffer of EMIR RTS 153/2013 Art. 28(1)(a), applied as a multiplier on the ES term
/// of initial margin: the margin policy is applied to the account's tail with ES × multiplier, so IM = max(ES·M, 0)
/// under this version's policy (and MM, excess and status follow from that IM), while the reported VaR and ES stay
/// as simulated. M = <see cref="Core.Calibration.CalibrationResult.EsBufferMultiplier"/> (1 + b, or 1 when released
/// or without a buffer).
/// </summary>
public static class ApcMarginBuffer
{
    /// <summary>Applies a margin policy with the buffer on the ES term.</summary>
    /// <param name="multiplier">M ≥ 1.</param>
    /// <param name="tail">The account's simulated tail.</param>
    /// <param name="policy">The margin policy for a tail (e.g. <see cref="MarginPolicy.Apply"/> with the account's equity).</param>
    /// <returns>The account's margin row, with the simulated ES and tail.</returns>
    public static AccountMargin Apply(double multiplier, TailEstimate tail, Func<TailEstimate, AccountMargin> policy)
    {
        if (multiplier == 1.0) return policy(tail);
        var buffered = policy(tail with { ExpectedShortfall = tail.ExpectedShortfall * multiplier });
        return buffered with { ExpectedShortfall = tail.ExpectedShortfall, Tail = tail };
    }
}
