namespace StressMargin.Core.Stress.Reverse;

/// <summary>
/// How the reverse stress search scans and refines (docs/model.md §9.4). Moves are searched in the spot log return
/// x = ln(1 + move): a scan from 0 outwards in steps of <see cref="StepLogReturn"/> up to a fall of
/// <see cref="LargestFall"/> and a rise of <see cref="LargestRise"/> brackets the first crossing of a threshold, and
/// bisection narrows the bracket to <see cref="ToleranceLogReturn"/>.
/// </summary>
/// <param name="StepLogReturn">Scan step in log return (0.01: about 1 % of spot), positive.</param>
/// <param name="LargestFall">Largest fall searched, as a fraction of spot in (0, 1) (0.95: spot × 0.05).</param>
/// <param name="LargestRise">Largest rise searched, as a fraction of spot (5: spot × 6, the end of Deribit's extended table).</param>
/// <param name="ToleranceLogReturn">Width of the final bracket in log return, positive.</param>
/// <param name="VolUp">The vol-up leg applied along the second family of paths; null for <see cref="DeribitVolUp"/>.</param>
public sealed record ReverseStressSettings(
    double StepLogReturn = 0.01,
    double LargestFall = 0.95,
    double LargestRise = 5.0,
    double ToleranceLogReturn = 1e-6,
    VolShock? VolUp = null)
{
    /// <summary>
    /// Deribit portfolio margin's vol-up leg (BTC-USD parameters, as in scenarios/stress/deribit-btc-pm.yaml):
    /// σ' = max(σ·(1 + 0.5·(30/max(DTE, 1))^p), 50 %), p = 0.3 below 30 days and 0.13 above (Deribit API
    /// <c>private/pme/simulate</c> model parameters; DTE floor of Derive PMRM_2).
    /// </summary>
    public static VolShock DeribitVolUp { get; } = new(0.5, new TermScaling(30, 0.3, 0.13, 1), 0.5);

    /// <summary>The defaults.</summary>
    public static ReverseStressSettings Default { get; } = new();

    /// <summary>The vol-up shock in force.</summary>
    public VolShock VolUpShock => VolUp ?? DeribitVolUp;
}
