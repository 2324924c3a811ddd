using StressMargin.Core.Margin;
using StressMargin.Core.Margin.Explain;
using StressMargin.Core.Portfolio;

namespace StressMargin.Engine.Explain;

/// <summary>
/// Breaks every account's IM down by its driver (docs/model.md §9.7): component ES per position when the ES term is the
/// largest risk term, each position's weighted loss in the worst weighted stress scenario when the stress loss is (revalued
/// again with the run's <see cref="Core.Stress.StressRevaluer"/>, so the positions sum to the stress loss), the
/// short-option minimum per underlying otherwise; then the add-ons term by term and the floor at 0.
/// </summary>
public static class ImExplainer
{
    /// <summary>The breakdown of every account of a run, in book order.</summary>
    /// <param name="run">The run (its attribution gives the component ES).</param>
    /// <returns>One breakdown per account.</returns>
    public static IReadOnlyList<ImBreakdown> ExplainRun(MarginRunResult run)
    {
        var marginer = new AccountMarginer(run.Input);
        var accounts = run.Input.Book.Accounts;
        var result = new ImBreakdown[accounts.Count];
        var start = new int[accounts.Count];
        for (int a = 1; a < accounts.Count; a++) start[a] = start[a - 1] + accounts[a - 1].Positions.Count;
        Parallel.For(0, accounts.Count, a =>
        {
            var components = new double[accounts[a].Positions.Count];
            for (int i = 0; i < components.Length; i++) components[i] = run.Attribution[start[a] + i].ComponentEs;
            result[a] = Explain(run.Input, marginer, accounts[a], run.Accounts[a], components);
        });
        return result;
    }

    /// <summary>The breakdown of one account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="marginer">Its margin policy.</param>
    /// <param name="account">The account.</param>
    /// <param name="margin">The account's margin row.</param>
    /// <param name="componentEs">Component ES of each of the account's positions (USD loss), position order.</param>
    /// <returns>The breakdown.</returns>
    /// <exception cref="ArgumentException">The component ES do not match the positions, or the worst scenario is unknown.</exception>
    public static ImBreakdown Explain(LoadedScenario input, AccountMarginer marginer, Account account, AccountMargin margin, IReadOnlyList<double> componentEs)
    {
        if (componentEs.Count != account.Positions.Count)
            throw new ArgumentException($"{componentEs.Count} component ES for {account.Positions.Count} positions of '{account.Id}'", nameof(componentEs));
        var components = new List<(string, double)>();
        var stress = new List<(string, double)>();
        var scenario = margin.WorstScenario is { } name
            ? input.StressScenarios.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown stress scenario '{name}'", nameof(margin))
            : null;
        for (int i = 0; i < account.Positions.Count; i++)
        {
            var p = account.Positions[i];
            if (!p.Instrument.IsRisky) continue;
            components.Add((p.Instrument.Id, componentEs[i]));
            if (scenario is not null)
                stress.Add((p.Instrument.Id, -scenario.Weight * (p.Weight * marginer.Revaluer.DeltaValue(p.Instrument, marginer.Value0(p.Instrument), scenario))));
        }
        return ImBreakdownBuilder.Build(margin, marginer.Settings.EsMultiplier, components, stress, marginer.AddOnTermsOf(account));
    }
}
