using StressMargin.Core.MarketData;

namespace StressMargin.Core.RiskModel;

/// <summary>
/// Monte Carlo settings from the scenario file's <c>simulation</c> block.
/// </summary>
/// <param name="Paths">Number of Monte Carlo paths, at least 1.</param>
/// <param name="Seed">Philox key: the same seed gives the same paths on every backend.</param>
/// <param name="HorizonDays">Margin period of risk in calendar days, positive; years = days / 365.</param>
/// <param name="Steps">Sub-steps per path (revaluation happens only at the horizon), at least 1.</param>
/// <param name="Distribution">Law of the standardized shocks.</param>
/// <param name="VolDynamics">Sticky strike or sticky moneyness.</param>
/// <param name="DiscountRate">Flat continuously compounded rate (annual decimal) for option discounting.</param>
public sealed record SimulationSettings(
    int Paths,
    ulong Seed,
    double HorizonDays,
    int Steps,
    ReturnDistribution Distribution,
    VolDynamics VolDynamics,
    double DiscountRate)
{
    /// <summary>The horizon h in years (ACT/365).</summary>
    public double HorizonYears => HorizonDays / YearFraction.DaysPerYear;
}
