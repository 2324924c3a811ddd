using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Core.Stress;

/// <summary>
/// Every account's P&amp;L under every stress scenario, <c>[account, scenario]</c> (USD, P&amp;L = −loss), and the
/// weighted stress loss that enters the margin: max over scenarios of weight × loss.
/// </summary>
public sealed class StressResult
{
    private readonly double[,] _pnl;

    private StressResult(IReadOnlyList<StressScenario> scenarios, IReadOnlyList<string> accounts, double[,] pnl)
    {
        Scenarios = scenarios;
        AccountIds = accounts;
        _pnl = pnl;
    }

    /// <summary>The scenarios, in file order.</summary>
    public IReadOnlyList<StressScenario> Scenarios { get; }

    /// <summary>Account ids, in book order.</summary>
    public IReadOnlyList<string> AccountIds { get; }

    /// <summary>P&amp;L of an account under a scenario, USD.</summary>
    /// <param name="account">Account index (book order).</param>
    /// <param name="scenario">Scenario index.</param>
    /// <returns>Σ over positions of quantity × multiplier × ΔV.</returns>
    public double Pnl(int account, int scenario) => _pnl[account, scenario];

    /// <summary>The largest weighted loss of an account and its scenario; (NaN, null) without scenarios.</summary>
    /// <param name="account">Account index.</param>
    /// <returns>max_s weight_s × (−P&amp;L_s), and the first scenario attaining it.</returns>
    public (double Loss, string? Scenario) WorstWeightedLoss(int account)
    {
        double worst = double.NaN;
        string? name = null;
        for (int s = 0; s < Scenarios.Count; s++)
        {
            double loss = -Scenarios[s].Weight * _pnl[account, s];
            if (name is null || loss > worst) { worst = loss; name = Scenarios[s].Name; }
        }
        return (worst, name);
    }

    /// <summary>The book's P&amp;L under a scenario (sum over accounts).</summary>
    /// <param name="scenario">Scenario index.</param>
    /// <returns>USD.</returns>
    public double BookPnl(int scenario)
    {
        double sum = 0;
        for (int a = 0; a < AccountIds.Count; a++) sum += _pnl[a, scenario];
        return sum;
    }

    /// <summary>A result from stored P&amp;L (a path-sharded run's shard 0 computes it once; the merge reads it back).</summary>
    /// <param name="scenarios">Scenarios, in column order.</param>
    /// <param name="accountIds">Account ids, in row order.</param>
    /// <param name="pnl">P&amp;L <c>[account, scenario]</c> (USD).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The matrix does not match the accounts and scenarios.</exception>
    public static StressResult FromPnl(IReadOnlyList<StressScenario> scenarios, IReadOnlyList<string> accountIds, double[,] pnl) =>
        pnl.GetLength(0) == accountIds.Count && pnl.GetLength(1) == scenarios.Count
            ? new StressResult(scenarios, accountIds, (double[,])pnl.Clone())
            : throw new ArgumentException($"a {pnl.GetLength(0)} × {pnl.GetLength(1)} P&L matrix for {accountIds.Count} accounts and {scenarios.Count} scenarios", nameof(pnl));

    /// <summary>Revalues every held instrument once per scenario and aggregates through the positions.</summary>
    /// <param name="book">The book.</param>
    /// <param name="value0">V0 per unit of every held instrument.</param>
    /// <param name="revaluer">The revaluer on the t0 market.</param>
    /// <param name="scenarios">Scenarios.</param>
    /// <param name="options">Degree of parallelism and cancellation (scenarios are revalued in parallel); null for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">A replay market that lacks a held underlying or surface.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static StressResult Evaluate(Book book, IReadOnlyDictionary<Instrument, double> value0, StressRevaluer revaluer, IReadOnlyList<StressScenario> scenarios, ParallelOptions? options = null)
    {
        var instruments = book.HeldInstruments;
        var index = new Dictionary<Instrument, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < instruments.Count; i++) index[instruments[i]] = i;
        var dv = new double[scenarios.Count, instruments.Count];
        try
        {
            Parallel.For(0, scenarios.Count, options ?? new ParallelOptions(), s =>
            {
                for (int i = 0; i < instruments.Count; i++) dv[s, i] = revaluer.DeltaValue(instruments[i], value0[instruments[i]], scenarios[s]);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is InputException) is { } input)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(input);
        }
        var pnl = new double[book.Accounts.Count, scenarios.Count];
        for (int a = 0; a < book.Accounts.Count; a++)
            for (int s = 0; s < scenarios.Count; s++)
            {
                double sum = 0;
                foreach (var p in book.Accounts[a].Positions) sum += p.Weight * dv[s, index[p.Instrument]];
                pnl[a, s] = sum;
            }
        return new StressResult(scenarios, book.Accounts.Select(a => a.Id).ToArray(), pnl);
    }
}
