using StressMargin.Compute;
using StressMargin.Core.Margin;

namespace StressMargin.Engine;

/// <summary>Runs a loaded scenario on a backend, evaluates its stress scenarios and add-ons, and applies the margin policy.</summary>
public static class MarginJob
{
    /// <summary>Simulates, revalues, reduces and margins every account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="backend">The compute backend.</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="maxThreads">Worker threads for the stress scenarios and the reverse stress (the backend has its own); null for every core.</param>
    /// <returns>Per-account margin and per-position attribution.</returns>
    public static MarginRunResult Run(LoadedScenario input, IComputeBackend backend, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default, int? maxThreads = null)
    {
        // The deterministic scenarios first: cheap, and an input problem they reveal stops the run before the simulation.
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxThreads ?? -1 };
        var stress = StressJob.Run(input, options);
        var risk = backend.Run(input.Plan, progress, cancellationToken);
        var marginer = new AccountMarginer(input);
        var book = input.Book;
        var equity = new double[book.Accounts.Count];
        var attribution = new List<PositionAttribution>(book.Positions.Count);
        int p = 0;
        for (int a = 0; a < book.Accounts.Count; a++)
        {
            var account = book.Accounts[a];
            foreach (var pos in account.Positions)
            {
                double value = pos.Weight * input.Value0[pos.Instrument];
                equity[a] += value;
                attribution.Add(new PositionAttribution(account.Id, pos.Instrument.Id, pos.Quantity, value, risk.ComponentEs[p++]));
            }
        }
        var accounts = new AccountMargin[book.Accounts.Count];
        Parallel.For(0, accounts.Length, options, a =>
            accounts[a] = marginer.Evaluate(book.Accounts[a], equity[a], risk.Accounts[a], stress.WorstWeightedLoss(a)).Margin);
        return new MarginRunResult(input, accounts, attribution, risk, backend.Name, backend.Device, input.LoadStartedUtc, stress);
    }
}
