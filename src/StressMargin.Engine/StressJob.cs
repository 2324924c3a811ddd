using StressMargin.Core.Stress;

namespace StressMargin.Engine;

/// <summary>Evaluates a loaded scenario's deterministic stress scenarios on its book (no simulation).</summary>
public static class StressJob
{
    /// <summary>Revalues every held instrument under every stress scenario and aggregates by account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="options">Degree of parallelism and cancellation; null for the defaults.</param>
    /// <returns>P&amp;L per account and scenario.</returns>
    public static StressResult Run(LoadedScenario input, ParallelOptions? options = null)
    {
        var sim = input.Scenario.Simulation;
        var revaluer = new StressRevaluer(input.Market, sim.HorizonYears, sim.DiscountRate, sim.VolDynamics);
        return StressResult.Evaluate(input.Book, input.Value0, revaluer, input.StressScenarios, options);
    }
}
