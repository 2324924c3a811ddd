using StressMargin.Compute;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;

namespace StressMargin.Engine;

/// <summary>Runs a loaded scenario on a backend, evaluates its stress scenarios and add-ons, and applies the margin policy.</summary>
public static class MarginJob
{
    /// <summary>Simulates, revalues, reduces and margins every account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="backend">The compute backend.</param>
    /// <param name="progress">Stage progress; optional.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="maxThreads">Worker threads for the stress scenarios (the backend has its own); null for every core.</param>
    /// <returns>Per-account margin and per-position attribution.</returns>
    public static MarginRunResult Run(LoadedScenario input, IComputeBackend backend, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default, int? maxThreads = null)
    {
        // The deterministic scenarios first: cheap, and an input problem they reveal stops the run before the simulation.
        var stress = StressJob.Run(input, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxThreads ?? -1 });
        var risk = backend.Run(input.Plan, progress, cancellationToken);
        var settings = input.Scenario.Margin;
        var buffered = settings with { EsMultiplier = settings.EsMultiplier * input.EsBufferMultiplier };
        var addOns = new AddOnCalculator(input.Market, settings.AddOns ?? AddOnSettings.None, input.Quotes, input.Scenario.Simulation.DiscountRate);
        var accounts = new List<AccountMargin>(input.Book.Accounts.Count);
        var attribution = new List<PositionAttribution>(input.Book.Positions.Count);
        int p = 0;
        for (int a = 0; a < input.Book.Accounts.Count; a++)
        {
            var account = input.Book.Accounts[a];
            double equity = 0;
            foreach (var pos in account.Positions)
            {
                double value = pos.Weight * input.Value0[pos.Instrument];
                equity += value;
                attribution.Add(new PositionAttribution(account.Id, pos.Instrument.Id, pos.Quantity, value, risk.ComponentEs[p++]));
            }
            // EMIR RTS 153/2013 Art. 28(1)(a): the anti-procyclicality buffer multiplies the ES term of IM (the term that
            // moves with the calibrated vols); 1 without a calibration buffer (docs/model.md, "Anti-procyclicality buffer").
            accounts.Add(MarginPolicy.Apply(account.Id, equity, risk.Accounts[a], buffered, stress.WorstWeightedLoss(a), addOns.Compute(account)));
        }
        return new MarginRunResult(input, accounts, attribution, risk, backend.Name, backend.Device, input.LoadStartedUtc, stress);
    }
}
