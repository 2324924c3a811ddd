namespace StressMargin.Core.RiskModel;

/// <summary>
/// The scenario file's <c>correlation</c> block: a correlation matrix over named factors. Factors not named
/// are uncorrelated with everything else.
/// </summary>
/// <param name="Factors">Factor names in matrix order.</param>
/// <param name="Matrix">Square symmetric matrix with unit diagonal, <c>[row][column]</c>, same order as <paramref name="Factors"/>.</param>
/// <param name="Source">Where the block was defined, for errors about the matrix as a whole.</param>
/// <param name="FactorSources">Where each factor name was written (same order as <paramref name="Factors"/>); optional.</param>
/// <param name="CellSources">Where each cell was written, <c>[row][column]</c>; optional.</param>
public sealed record CorrelationSpec(
    IReadOnlyList<FactorId> Factors,
    IReadOnlyList<IReadOnlyList<double>> Matrix,
    SourceLocation? Source = null,
    IReadOnlyList<SourceLocation>? FactorSources = null,
    IReadOnlyList<IReadOnlyList<SourceLocation>>? CellSources = null)
{
    /// <summary>Location of factor i, or of the block when unknown.</summary>
    /// <param name="i">Factor index.</param>
    /// <returns>Location or null.</returns>
    public SourceLocation? FactorAt(int i) => FactorSources is { } f && i < f.Count ? f[i] : Source;

    /// <summary>Location of cell (i, j), or of the block when unknown.</summary>
    /// <param name="i">Row.</param>
    /// <param name="j">Column.</param>
    /// <returns>Location or null.</returns>
    public SourceLocation? CellAt(int i, int j) => CellSources is { } c && i < c.Count && j < c[i].Count ? c[i][j] : Source;
}
