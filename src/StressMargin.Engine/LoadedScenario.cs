using StressMargin.Compute.Plan;
using StressMargin.Core.Instruments;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.RiskModel;
using StressMargin.Core.Stress;
using StressMargin.IO.Scenario;

namespace StressMargin.Engine;

/// <summary>A scenario with every input read, validated and turned into a revaluation plan; nothing simulated yet.</summary>
/// <param name="Scenario">The parsed scenario file (with overrides applied).</param>
/// <param name="Instruments">Every instrument of instruments.csv.</param>
/// <param name="Book">Accounts and positions.</param>
/// <param name="Market">Market at as_of.</param>
/// <param name="Factors">The factor model.</param>
/// <param name="Plan">The flattened plan for a backend.</param>
/// <param name="Value0">Price at t0 (USD per unit) of every held instrument.</param>
/// <param name="Files">Input files with their hashes.</param>
/// <param name="LoadSeconds">Wall-clock seconds spent reading and validating.</param>
/// <param name="LoadStartedUtc">When loading started (the start of the run).</param>
/// <param name="StressScenarios">Stress scenarios of every file named by <c>margin.stress</c>, in order.</param>
/// <param name="Quotes">Bid and ask per unit (USD) by instrument id, from <c>inputs.quotes</c>; empty without it.</param>
/// <param name="Calibration">What was calibrated from the price history, when the scenario has a calibration block.</param>
public sealed record LoadedScenario(
    ScenarioFile Scenario,
    IReadOnlyList<Instrument> Instruments,
    Book Book,
    MarketSnapshot Market,
    FactorModel Factors,
    RevaluationPlan Plan,
    IReadOnlyDictionary<Instrument, double> Value0,
    IReadOnlyList<InputFileInfo> Files,
    double LoadSeconds,
    DateTimeOffset LoadStartedUtc,
    IReadOnlyList<StressScenario> StressScenarios,
    IReadOnlyDictionary<string, (double Bid, double Ask)> Quotes,
    Calibration.CalibrationRun? Calibration = null)
{
    /// <summary>Warnings on legal but unusual input values (docs/formats.md §10), for the run header and manifest.json.</summary>
    public IReadOnlyList<Core.InputWarning> Warnings { get; init; } = [];

    /// <summary>Haircuts on collateral from <c>inputs.collateral</c>; null without the file (no haircuts).</summary>
    public Core.Margin.Collateral.CollateralTable? Collateral { get; init; }

    /// <summary>Open interest and 24-hour volume by instrument id, from <c>inputs.depth</c>; empty without it.</summary>
    public IReadOnlyDictionary<string, InstrumentDepth> Depth { get; init; } = new Dictionary<string, InstrumentDepth>();

    /// <summary>The add-on calculator of this scenario on its market, quotes, depth and factor model (docs/model.md §9.2 and §9.2.1).</summary>
    /// <returns>A calculator; with the market-impact calculator when <c>margin.addons.market_impact</c> is on.</returns>
    public AddOnCalculator AddOnCalculator()
    {
        var settings = Scenario.Margin.AddOns ?? AddOnSettings.None;
        double rate = Scenario.Simulation.DiscountRate;
        MarketImpactCalculator? impact = null;
        if (settings.MarketImpact is { } mi)
        {
            var spotVols = new Dictionary<string, double>(StringComparer.Ordinal);
            var volOfVols = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int u = 0; u < Factors.Underlyings.Count; u++)
            {
                spotVols[Factors.Underlyings[u]] = Factors.SpotVolsAnnualized[u];
                volOfVols[Factors.Underlyings[u]] = Factors.VolOfVolsAnnualized[u];
            }
            impact = new MarketImpactCalculator(Market, mi, Depth, Instruments, spotVols, volOfVols, rate);
        }
        return new AddOnCalculator(Market, settings, Quotes, rate, impact);
    }

    /// <summary>The EMIR Art. 28(1)(a) buffer multiplier on each account's ES term: 1 without calibration or buffer.</summary>
    public double EsBufferMultiplier => Calibration?.Result.EsBufferMultiplier ?? 1.0;
}
