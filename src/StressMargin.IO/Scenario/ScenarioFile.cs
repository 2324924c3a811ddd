using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Core.RiskModel;

namespace StressMargin.IO.Scenario;

/// <summary>The input files a scenario names, as absolute paths (resolved against the scenario file's folder).</summary>
/// <param name="Instruments">instruments.csv.</param>
/// <param name="Positions">positions.csv.</param>
/// <param name="Spots">spots.csv.</param>
/// <param name="Forwards">forwards.csv, or null (forwards equal spot).</param>
/// <param name="VolSurface">vol_surface.csv, or null (no options can be held).</param>
/// <param name="Quotes">quotes.csv (bid and ask per instrument, for the liquidity add-on), or null.</param>
/// <param name="Collateral">collateral.csv (haircuts on collateral by asset), or null for no haircuts.</param>
public sealed record ScenarioInputs(string Instruments, string Positions, string Spots, string? Forwards, string? VolSurface, string? Quotes = null, string? Collateral = null)
{
    /// <summary>depth.csv files (open interest and 24-hour volume per instrument, for the market-impact add-on), in order; empty without.</summary>
    public IReadOnlyList<string> Depth { get; init; } = [];

    /// <summary>The files with their role names (<c>instruments</c>, …), absent ones left out.</summary>
    /// <returns>(role, path) pairs in a fixed order.</returns>
    public IEnumerable<(string Role, string Path)> All()
    {
        yield return ("instruments", Instruments);
        yield return ("positions", Positions);
        yield return ("spots", Spots);
        if (Forwards is not null) yield return ("forwards", Forwards);
        if (VolSurface is not null) yield return ("vol_surface", VolSurface);
        if (Quotes is not null) yield return ("quotes", Quotes);
        if (Collateral is not null) yield return ("collateral", Collateral);
        foreach (var d in Depth) yield return ("depth", d);
    }
}

/// <summary>A parsed scenario file (the schema is in docs/formats.md).</summary>
/// <param name="Path">Absolute path of the YAML file.</param>
/// <param name="AsOf">Valuation instant t0.</param>
/// <param name="Inputs">Input files.</param>
/// <param name="Simulation">Monte Carlo settings.</param>
/// <param name="RiskFactors">risk_factors entries by underlying.</param>
/// <param name="RiskFactorsLocation">Where the risk_factors block is (or the file, when absent).</param>
/// <param name="Correlation">correlation block, or null.</param>
/// <param name="Margin">margin block.</param>
/// <param name="OutputDirectory">Absolute output folder from <c>output.dir</c> (default <c>out</c> beside the file).</param>
/// <param name="Calibration">The calibration block (price history, estimator, anti-procyclicality), or null.</param>
public sealed record ScenarioFile(
    string Path,
    DateTimeOffset AsOf,
    ScenarioInputs Inputs,
    SimulationSettings Simulation,
    IReadOnlyDictionary<string, RiskFactorSpec> RiskFactors,
    SourceLocation RiskFactorsLocation,
    CorrelationSpec? Correlation,
    MarginSettings Margin,
    string OutputDirectory,
    Core.Calibration.CalibrationSettings? Calibration = null)
{
    /// <summary>Stress scenario files named by <c>margin.stress</c>, absolute paths with the position of their entry.</summary>
    public IReadOnlyList<(string Path, SourceLocation Source)> StressFiles { get; init; } = [];

    /// <summary>Where some keys are written, by dotted path (<c>simulation.paths</c>, <c>margin.es_confidence</c>; the
    /// enclosing mapping when the key is absent), for checks made after loading (ES tail paths against the effective paths).</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();
}
