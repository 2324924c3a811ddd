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
    /// <summary>Formats as <c>file:line:column</c>, dropping the parts that are unknown.</summary>
    /// <returns>For example <c>data/instruments.csv:12:5</c>.</returns>
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
