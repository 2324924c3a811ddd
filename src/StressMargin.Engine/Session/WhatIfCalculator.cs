using StressMargin.Compute.Session;
using StressMargin.Core.Instruments;
using StressMargin.Core.Margin;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Risk;

namespace StressMargin.Engine.Session;

/// <summary>
/// Margins an account before and after hypothetical trades on the same paths (common random numbers), from ΔV rows of
/// its instruments: the loss rows are aggregated with the CPU backend's arithmetic (<see cref="LossAggregator"/>), the
/// tails reduced by <see cref="TailEstimator"/> and the policy applied by <see cref="AccountMarginer"/>, so "before"
/// equals the account's row of <c>run</c> and "after" equals <c>run</c> on the book with the trades added, bit for bit.
/// <para>Standard errors (docs/model.md §9.5): the n paths are cut into the B batches of the ES error, on the same
/// paths before and after. SE(ΔES) = sd_b(ES_b,after − ES_b,before)/√B. For IM, whose only random term is ES, the
/// policy is applied to the pseudo-values ES + (ES_b − ES̄)/√B before and after (<see cref="BatchMeans.PseudoValues"/>):
/// SE(ΔIM) = sd_b(IM_b,after − IM_b,before). Two independent runs would give √(SE_before² + SE_after²).</para>
/// </summary>
public static class WhatIfCalculator
{
    /// <summary>Computes a what-if.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="marginer">Its margin policy.</param>
    /// <param name="before">The account now.</param>
    /// <param name="trades">The trades.</param>
    /// <param name="rowOf">ΔV row (length n) of a risky instrument.</param>
    /// <param name="beforeMargin">The account's margin now when already known (a warm session), else null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="Core.InputException">A trade that cannot be booked (<see cref="TradeBook.Apply"/>).</exception>
    public static WhatIfResult Compute(LoadedScenario input, AccountMarginer marginer, Account before, IReadOnlyList<Trade> trades,
        Func<Instrument, ReadOnlyMemory<double>> rowOf, AccountMargin? beforeMargin = null)
    {
        var after = TradeBook.Apply(input, before, trades, marginer.Value0);
        var settings = input.Scenario.Margin;
        int n = input.Scenario.Simulation.Paths;

        var lossBefore = Loss(before, rowOf, n);
        var evalBefore = Evaluate(marginer, before, lossBefore, settings, beforeMargin);
        var lossAfter = Loss(after, rowOf, n);
        var evalAfter = Evaluate(marginer, after, lossAfter, settings, null);

        var esBefore = BatchMeans.BatchExpectedShortfalls(lossBefore, settings.EsConfidence);
        var esAfter = BatchMeans.BatchExpectedShortfalls(lossAfter, settings.EsConfidence);
        int batches = esBefore.Length;
        double[] Diff(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();
        double Combined(double[] a, double[] b) => Math.Sqrt(Square(BatchMeans.StdError(a)) + Square(BatchMeans.StdError(b)));
        double[] imBefore = [], imAfter = [];
        if (batches >= 2)
        {
            imBefore = BatchMeans.PseudoValues(evalBefore.Margin.ExpectedShortfall, esBefore).Select(es => marginer.InitialMarginWithEs(evalBefore, es)).ToArray();
            imAfter = BatchMeans.PseudoValues(evalAfter.Margin.ExpectedShortfall, esAfter).Select(es => marginer.InitialMarginWithEs(evalAfter, es)).ToArray();
        }
        double CombinedSd(double[] a, double[] b) => Math.Sqrt(Square(BatchMeans.StdDev(a)) + Square(BatchMeans.StdDev(b)));

        AccountMargin mb = evalBefore.Margin, ma = evalAfter.Margin;
        double esTermBefore = mb.ExpectedShortfall * marginer.Settings.EsMultiplier, esTermAfter = ma.ExpectedShortfall * marginer.Settings.EsMultiplier;
        var delta = new WhatIfDelta(
            InitialMargin: ma.InitialMargin - mb.InitialMargin,
            MaintenanceMargin: ma.MaintenanceMargin - mb.MaintenanceMargin,
            Equity: ma.Equity - mb.Equity,
            ExpectedShortfall: ma.ExpectedShortfall - mb.ExpectedShortfall,
            EsTerm: esTermAfter - esTermBefore,
            StressLoss: ma.StressLoss - mb.StressLoss,
            ShortOptionMinimum: ma.ShortOptionMinimum - mb.ShortOptionMinimum,
            AddOns: ma.AddOns - mb.AddOns,
            Driver: Driver(mb, ma, marginer.Settings.EsMultiplier),
            InitialMarginStdError: BatchMeans.StdDev(Diff(imAfter, imBefore)),
            InitialMarginStdErrorIndependent: CombinedSd(imBefore, imAfter),
            EsStdError: BatchMeans.StdError(Diff(esAfter, esBefore)),
            EsStdErrorIndependent: Combined(esBefore, esAfter),
            Batches: batches);
        return new WhatIfResult(before.Id, trades, mb, ma, after.Positions, delta);
    }

    /// <summary>The account's loss on every path from the ΔV rows.</summary>
    /// <param name="account">The account.</param>
    /// <param name="rowOf">ΔV row of a risky instrument.</param>
    /// <param name="paths">n.</param>
    /// <returns>Losses by path, USD.</returns>
    public static double[] Loss(Account account, Func<Instrument, ReadOnlyMemory<double>> rowOf, int paths)
    {
        var rows = Rows(account, rowOf);
        var loss = new double[paths];
        LossAggregator.AccountLoss(rows, loss);
        return loss;
    }

    /// <summary>The account's positions as weighted ΔV rows (cash with an empty row).</summary>
    /// <param name="account">The account.</param>
    /// <param name="rowOf">ΔV row of a risky instrument.</param>
    /// <returns>One per position, in book order.</returns>
    public static WeightedRow[] Rows(Account account, Func<Instrument, ReadOnlyMemory<double>> rowOf) =>
        account.Positions.Select(p => new WeightedRow(p.Instrument.IsRisky ? rowOf(p.Instrument) : ReadOnlyMemory<double>.Empty, p.Weight)).ToArray();

    private static AccountEvaluation Evaluate(AccountMarginer marginer, Account account, double[] loss, MarginSettings settings, AccountMargin? known)
    {
        var tail = known?.Tail ?? TailEstimator.Estimate(loss, settings.EsConfidence, settings.VarConfidence);
        var stress = marginer.Stress(account).WorstWeightedLoss(0);
        var evaluation = marginer.Evaluate(account, marginer.Equity(account.Positions), tail, stress);
        return known is null ? evaluation : evaluation with { Margin = known };
    }

    /// <summary>
    /// What moved IM: <c>none</c> when it did not change; <c>addons</c> when the add-ons changed more than the binding
    /// risk term; otherwise the risk term that binds after the trades (before them, when after the trades no risk
    /// term is positive).
    /// </summary>
    private static ImDriver Driver(AccountMargin before, AccountMargin after, double esMultiplier)
    {
        if (after.InitialMargin == before.InitialMargin) return ImDriver.None;
        double riskChange = RiskTerm(after, esMultiplier) - RiskTerm(before, esMultiplier);
        if (Math.Abs(after.AddOns - before.AddOns) > Math.Abs(riskChange)) return ImDriver.AddOns;
        return after.Driver is ImDriver.AddOns or ImDriver.None ? before.Driver : after.Driver;
    }

    /// <summary>max(ES × multiplier, stress loss, short-option minimum when positive), floored at 0.</summary>
    private static double RiskTerm(AccountMargin m, double esMultiplier)
    {
        double stress = double.IsNaN(m.StressLoss) ? double.NegativeInfinity : m.StressLoss;
        return Math.Max(0, Math.Max(m.ExpectedShortfall * esMultiplier, Math.Max(stress, m.ShortOptionMinimum > 0 ? m.ShortOptionMinimum : double.NegativeInfinity)));
    }

    private static double Square(double x) => x * x;
}
