using StressMargin.Compute.Plan;
using StressMargin.Compute.Session;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.Explain;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Risk;
using StressMargin.Engine.Session;

namespace StressMargin.Engine.Explain;

/// <summary>
/// One account's IM breakdown without a run: simulates only the account's instruments with the whole book's factor
/// model (hence a run's paths, as <see cref="WhatIfJob"/> does), reduces its tail, margins it as <c>run</c> does and
/// breaks the IM down (<see cref="ImExplainer"/>).
/// </summary>
public static class ExplainJob
{
    /// <summary>Margins and explains one account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="accountSource">Where the account id was given, for the error.</param>
    /// <param name="maxThreads">Worker threads; null for every core.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The account's margin row and its breakdown.</returns>
    /// <exception cref="InputException">No such account.</exception>
    public static (AccountMargin Margin, ImBreakdown Breakdown) Run(LoadedScenario input, string accountId, SourceLocation? accountSource, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        var account = WhatIfJob.FindAccount(input.Book, input.Scenario.Inputs.Positions, accountId, accountSource);
        var marginer = new AccountMarginer(input);
        var plan = RevaluationPlanBuilder.Build(new Book(account.Positions), input.Market, input.Factors, input.Scenario.Simulation, input.Scenario.Margin, input.Calibration?.Result.Fhs);
        var rows = DeltaValueRows.Simulate(plan, maxThreads, cancellationToken: cancellationToken);
        var weighted = WhatIfCalculator.Rows(account, i => rows.TryGetRow(i.Id, out var row) ? row : throw new InvalidOperationException($"no simulated row for '{i.Id}'"));
        var loss = new double[plan.PathCount];
        LossAggregator.AccountLoss(weighted, loss);
        var settings = input.Scenario.Margin;
        var tail = TailEstimator.Estimate(loss, settings.EsConfidence, settings.VarConfidence);
        var margin = marginer.Evaluate(account, marginer.Equity(account.Positions), tail, marginer.Stress(account).WorstWeightedLoss(0)).Margin;
        return (margin, ImExplainer.Explain(input, marginer, account, margin, LossAggregator.ComponentEs(weighted, tail)));
    }
}
