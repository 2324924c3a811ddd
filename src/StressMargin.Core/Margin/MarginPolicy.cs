using StressMargin.Core.Risk;

namespace StressMargin.Core.Margin;

/// <summary>
/// Turns an account's equity and loss tail into margin, in the manner of OCC STANS (Monte Carlo ES) without
/// add-ons: IM = max(ES, 0); MM = ratio × IM; excess = equity − IM; status ok when equity ≥ IM, margin call when
/// MM ≤ equity &lt; IM, liquidation when equity &lt; MM.
/// </summary>
public static class MarginPolicy
{
    /// <summary>Applies the policy to one account.</summary>
    /// <param name="accountId">Account id.</param>
    /// <param name="equityUsd">Equity in USD.</param>
    /// <param name="tail">The account's tail estimate.</param>
    /// <param name="settings">Margin settings.</param>
    /// <returns>The account's margin row.</returns>
    public static AccountMargin Apply(string accountId, double equityUsd, TailEstimate tail, MarginSettings settings)
    {
        double im = Math.Max(tail.ExpectedShortfall, 0.0);
        double mm = settings.MaintenanceRatio * im;
        var status = equityUsd >= im ? MarginStatus.Ok : equityUsd >= mm ? MarginStatus.MarginCall : MarginStatus.Liquidation;
        return new AccountMargin(accountId, equityUsd, tail.ValueAtRisk, tail.ExpectedShortfall, tail.EsStdError, im, mm, equityUsd - im, status, tail);
    }
}
