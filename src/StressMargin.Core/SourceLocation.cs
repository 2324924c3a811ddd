namespace StressMargin.Core;

/// <summary>
/// A place in an input file: the file path, a 1-based line and a 1-based column (0 when unknown).
/// Every input error names one, so that a user can go straight to the offending cell or key.
/// </summary>
/// <param name="File">Path of the file as the user gave it or as resolved against the scenario file.</param>
/// <param name="Line">1-based line number; 0 when the error concerns the whole file.</param>
/// <param name="Column">1-based column (CSV: field index; YAML: character column); 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    /// <summary>
    /// For a whole CSV record: the 1-based column number of each header name, so that a check made after reading
    /// (against the market, the scenario, the valuation time) can still point at the cell at fault with
    /// <see cref="Cell"/>. Null for other locations.
    /// </summary>
    public IReadOnlyDictionary<string, int>? Columns { get; init; }

    /// <summary>The location of a named cell of this record.</summary>
    /// <param name="column">Header name, e.g. <c>expiry</c>.</param>
    /// <returns>This location with that cell's column; this location unchanged when the column is unknown.</returns>
    public SourceLocation Cell(string column) =>
        Columns is not null && Columns.TryGetValue(column, out int c) ? this with { Column = c } : this;

    /// <summary>Formats as <c>file:line:column</c>, dropping the parts that are unknown.</summary>
    /// <returns>For example <c>data/instruments.csv:12:5</c>.</returns>
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
