namespace StressMargin.Core.RiskModel;

/// <summary>
/// The scenario file's <c>correlation</c> block: a correlation matrix over named factors. Factors not named
/// are uncorrelated with everything else.
/// </summary>
/// <param name="Factors">Factor names in matrix order.</param>
/// <param name="Matrix">Square symmetric matrix with unit diagonal, <c>[row][column]</c>, same order as <paramref name="Factors"/>.</param>
/// <param name="Source">Where the block was defined, for error messages.</param>
public sealed record CorrelationSpec(IReadOnlyList<FactorId> Factors, IReadOnlyList<IReadOnlyList<double>> Matrix, SourceLocation? Source = null);
