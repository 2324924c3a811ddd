using StressMargin.Compute;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Stress;

namespace StressMargin.Engine;

/// <summary>The deterministic parts of a margin run: every account's stress P&amp;L and add-ons (no simulation).</summary>
/// <param name="Stress">Stress P&amp;L per account and scenario.</param>
/// <param name="AddOns">Add-ons per account, in book order.</param>
public sealed record DeterministicMargin(StressResult Stress, IReadOnlyList<AccountAddOns> AddOns);

/// <summary>Runs a loaded scenario on a backend, evaluates its stress scenarios and add-ons, and applies the margin
/// policy. The three parts are separate so that a path-sharded run can simulate in many places and assemble once.</summary>
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
        var deterministic = Deterministic(input, cancellationToken, maxThreads);
        var risk = backend.Run(input.Plan, progress, cancellationToken);
        return Assemble(input, risk, deterministic, backend.Name, backend.Device);
    }

    /// <summary>The stress scenarios and the add-ons of every account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="maxThreads">Worker threads for the stress scenarios; null for every core.</param>
    /// <returns>The deterministic margin terms.</returns>
    /// <exception cref="StressMargin.Core.InputException">A stress scenario that cannot be evaluated on this book.</exception>
    public static DeterministicMargin Deterministic(LoadedScenario input, CancellationToken cancellationToken = default, int? maxThreads = null)
    {
        var stress = StressJob.Run(input, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxThreads ?? -1 });
        var addOns = input.AddOnCalculator();
        return new DeterministicMargin(stress, input.Book.Accounts.Select(addOns.Compute).ToArray());
    }

    /// <summary>Applies the margin policy to every account from its simulated risk and its deterministic terms.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="risk">The simulated tails and component ES.</param>
    /// <param name="deterministic">Stress P&amp;L and add-ons.</param>
    /// <param name="backendName">Backend name for the outputs.</param>
    /// <param name="device">Device description for the outputs.</param>
    /// <returns>The run's result.</returns>
    public static MarginRunResult Assemble(LoadedScenario input, BookRisk risk, DeterministicMargin deterministic, string backendName, string device)
    {
        // The policy, with the anti-procyclicality buffer on the ES term, is AccountMarginer's (shared with the warm session).
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
            equity[a] -= marginer.CollateralHaircut(account.Positions);
        }
        var accounts = new AccountMargin[book.Accounts.Count];
        Parallel.For(0, accounts.Length, a =>
            accounts[a] = marginer.Evaluate(book.Accounts[a], equity[a], risk.Accounts[a], deterministic.Stress.WorstWeightedLoss(a), deterministic.AddOns[a]).Margin);
        return new MarginRunResult(input, accounts, attribution, risk, backendName, device, input.LoadStartedUtc, deterministic.Stress);
    }
}
