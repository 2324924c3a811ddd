namespace StressMargin.Engine;

/// <summary>Command-line overrides of a scenario file's settings; null keeps the file's value.</summary>
/// <param name="Paths">Number of Monte Carlo paths.</param>
/// <param name="Seed">Philox seed.</param>
/// <param name="OutputDirectory">Output folder (relative to the current directory).</param>
public sealed record RunOverrides(int? Paths = null, ulong? Seed = null, string? OutputDirectory = null);
