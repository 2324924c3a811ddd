using StressMargin.Core.Greeks;

namespace StressMargin.Engine;

/// <summary>The Greeks of a loaded scenario's book at t0 (Black-76 on the base surface; docs/model.md, "Greeks").</summary>
public static class GreeksJob
{
    /// <summary>Position and account Greeks, in the row order of <c>greeks.csv</c>.</summary>
    /// <param name="input">The loaded scenario (its held instruments were priced at t0 when it loaded).</param>
    /// <returns>The rows (<see cref="BookGreeks.Compute"/>).</returns>
    public static IReadOnlyList<PositionGreeks> Run(LoadedScenario input) =>
        BookGreeks.Compute(input.Book, new GreeksCalculator(input.Market, input.Scenario.Simulation.DiscountRate), u => input.Market.Curve(u).Spot);
}
