using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Risk;

namespace StressMargin.Core.Margin;

/// <summary>
/// Turns an account's equity, loss tail, stress losses and add-ons into margin, combining the practice of OCC STANS
/// (Monte Carlo ES plus stress charges), SPAN (short-option minimum) and Deribit (worst of a scenario grid):
/// <code>
/// IM = max(0, max(ES × es_multiplier, worst weighted stress loss, short-option minimum) + liquidity + market impact + concentration)
/// MM = mm_ratio × IM, or min(IM, tiered MM(gross notional))
/// status: ok if equity ≥ IM; margin_call if MM ≤ equity &lt; IM; liquidation if equity &lt; MM
/// call amount = IM − equity (not ok); maintenance shortfall = MM − equity (liquidation)
/// </code>
/// The IM driver is the largest of the three risk terms (ties go to ES, then stress; the short-option minimum only
/// when it is positive); <c>addons</c> when every risk term is ≤ 0 and the add-ons alone make IM; <c>none</c> when IM is 0.
/// </summary>
public static class MarginPolicy
{
    /// <summary>The largest of the three risk terms and which one it is (ties go to ES, then stress; the short-option
    /// minimum only when it is positive).</summary>
    /// <param name="esTerm">ES × es_multiplier (with the buffer), USD.</param>
    /// <param name="stressLoss">Worst weighted stress loss, USD; −∞ without stress scenarios.</param>
    /// <param name="shortOptionMinimum">The short-option minimum, USD (≤ 0: off).</param>
    /// <returns>max(ES term, stress loss, short-option minimum) and <see cref="ImDriver.Es"/>, <see cref="ImDriver.Stress"/>
    /// or <see cref="ImDriver.ShortOptionMinimum"/>.</returns>
    public static (double Risk, ImDriver Term) RiskTerm(double esTerm, double stressLoss, double shortOptionMinimum)
    {
        double risk = Math.Max(esTerm, Math.Max(stressLoss, shortOptionMinimum > 0 ? shortOptionMinimum : double.NegativeInfinity));
        return (risk, risk == esTerm ? ImDriver.Es : risk == stressLoss ? ImDriver.Stress : ImDriver.ShortOptionMinimum);
    }

    /// <summary>Applies the policy to one account.</summary>
    /// <param name="accountId">Account id.</param>
    /// <param name="equityUsd">Equity in USD.</param>
    /// <param name="tail">The account's tail estimate.</param>
    /// <param name="settings">Margin settings.</param>
    /// <param name="stressLoss">Worst weighted stress loss and its scenario, or (NaN, null) without scenarios.</param>
    /// <param name="addOns">The account's add-ons, or null for none.</param>
    /// <returns>The account's margin row.</returns>
    public static AccountMargin Apply(string accountId, double equityUsd, TailEstimate tail, MarginSettings settings,
        (double Loss, string? Scenario) stressLoss = default, AccountAddOns? addOns = null)
    {
        double es = tail.ExpectedShortfall * settings.EsMultiplier;
        double stress = stressLoss.Scenario is null ? double.NegativeInfinity : stressLoss.Loss;
        double som = addOns?.ShortOptionMinimum ?? 0.0;
        double additive = addOns?.Additive ?? 0.0;
        var (risk, term) = RiskTerm(es, stress, som);
        double im = Math.Max(0.0, risk + additive);
        var driver = im == 0 ? ImDriver.None : risk <= 0 ? ImDriver.AddOns : term;
        double mm = settings.MaintenanceTiers is { } tiers
            ? Math.Min(im, MaintenanceTier.MaintenanceMargin(tiers, addOns?.GrossNotionalUsd ?? 0.0))
            : settings.MaintenanceRatio * im;
        var status = equityUsd >= im ? MarginStatus.Ok : equityUsd >= mm ? MarginStatus.MarginCall : MarginStatus.Liquidation;
        return new AccountMargin(accountId, equityUsd, tail.ValueAtRisk, tail.ExpectedShortfall, tail.EsStdError, im, mm, equityUsd - im, status, tail,
            stressLoss.Scenario is null ? double.NaN : stressLoss.Loss, stressLoss.Scenario, additive, driver,
            status == MarginStatus.Ok ? 0.0 : im - equityUsd,
            status == MarginStatus.Liquidation ? mm - equityUsd : 0.0,
            som, AddOnParts: addOns);
    }
}
