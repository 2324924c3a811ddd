using System.Globalization;
using System.Text.Json;
using StressMargin.Core;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>A cell (or a structural feature) that differs between two runs.</summary>
/// <param name="File">File name, e.g. <c>margin.csv</c>.</param>
/// <param name="Line">1-based line in the files (the header is line 1); 0 for a difference of the whole file.</param>
/// <param name="Row">The row's identity (account id, and instrument id in attribution.csv).</param>
/// <param name="Column">Column name, or a description of the structural difference.</param>
/// <param name="A">The cell in the first run.</param>
/// <param name="B">The cell in the second run.</param>
/// <param name="Relative">|a − b| / max(|a|, |b|) for numbers; +∞ for text, a number against an empty cell, or structure.</param>
public sealed record CellDifference(string File, int Line, string Row, string Column, string A, string B, double Relative);

/// <summary>The comparison of one file.</summary>
/// <param name="File">File name.</param>
/// <param name="Rows">Rows compared.</param>
/// <param name="NumericCells">Cells compared as numbers.</param>
/// <param name="Worst">The numeric cell with the largest relative difference (within tolerance or not), or null when
/// every number is identical.</param>
/// <param name="Differences">Every difference beyond the tolerance, in file order.</param>
public sealed record FileComparison(string File, int Rows, int NumericCells, CellDifference? Worst, IReadOnlyList<CellDifference> Differences);

/// <summary>What a run's <c>manifest.json</c> says about how it ran (absent fields are null).</summary>
/// <param name="Backend"><c>backend.name</c>.</param>
/// <param name="Device"><c>backend.device</c>.</param>
/// <param name="Seed"><c>simulation.seed</c> as written.</param>
/// <param name="Paths"><c>simulation.paths</c>.</param>
/// <param name="Precision"><c>backend.gpu.precision</c>, for GPU runs.</param>
public sealed record RunSummary(string? Backend, string? Device, string? Seed, long? Paths, string? Precision);

/// <summary>The comparison of two output folders.</summary>
/// <param name="Files">Per file, in the order of <see cref="OutputComparer.Files"/> then <see cref="OutputComparer.OptionalFiles"/>.</param>
/// <param name="A">The first run's manifest summary, or null without a readable manifest.</param>
/// <param name="B">The second run's.</param>
public sealed record OutputComparison(IReadOnlyList<FileComparison> Files, RunSummary? A, RunSummary? B)
{
    /// <summary>True when no file has a difference beyond the tolerance.</summary>
    public bool WithinTolerance => Files.All(f => f.Differences.Count == 0);
}

/// <summary>
/// Compares the <c>margin.csv</c> and <c>attribution.csv</c> of two runs row by row (e.g. a CPU and a GPU run, or two
/// nights), for <c>stressmargin compare</c>, and their <c>stress.csv</c> when either run wrote one. Columns are matched by name; a column present in one file only, a
/// different number of rows, or different text (ids, status) is a difference; two numbers a, b agree when
/// |a − b| ≤ abs_tol or |a − b| ≤ rel_tol·max(|a|, |b|); two empty cells agree, an empty cell never equals a number.
/// </summary>
public static class OutputComparer
{
    /// <summary>The files compared; both runs must have them.</summary>
    public static readonly string[] Files = ["margin.csv", "attribution.csv"];

    /// <summary>Files compared when either run has them (a file in one run only is then an input error).</summary>
    public static readonly string[] OptionalFiles = ["stress.csv"];

    /// <summary>Columns that hold identifiers or labels: always compared as text, even when they look like numbers
    /// (an account id 10000000001 is not "equal within 1e-9" to 10000000002).</summary>
    public static readonly string[] TextColumns = ["account_id", "instrument_id", "scenario", "status", "worst_scenario", "im_driver", "liquidation_scenario", "default_scenario"];

    /// <summary>Compares two output folders.</summary>
    /// <param name="folderA">First run's output folder.</param>
    /// <param name="folderB">Second run's output folder.</param>
    /// <param name="relativeTolerance">rel_tol ≥ 0.</param>
    /// <param name="absoluteTolerance">abs_tol ≥ 0 (USD for money columns).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InputException">A folder or file is missing or is not a readable CSV.</exception>
    public static OutputComparison Compare(string folderA, string folderB, double relativeTolerance, double absoluteTolerance)
    {
        foreach (var folder in new[] { folderA, folderB })
            if (!Directory.Exists(folder)) throw new InputException(new SourceLocation(folder), "output folder not found");
        var names = Files.Concat(OptionalFiles.Where(f => File.Exists(Path.Combine(folderA, f)) || File.Exists(Path.Combine(folderB, f))));
        var files = names.Select(f => CompareFile(f, Path.Combine(folderA, f), Path.Combine(folderB, f), relativeTolerance, absoluteTolerance)).ToArray();
        return new OutputComparison(files, Summary(folderA), Summary(folderB));
    }

    private static FileComparison CompareFile(string name, string pathA, string pathB, double rel, double abs)
    {
        var (columnsA, rowsA) = ReadAll(pathA);
        var (columnsB, rowsB) = ReadAll(pathB);
        var differences = new List<CellDifference>();
        foreach (var c in columnsA.Except(columnsB)) differences.Add(new(name, 1, "", $"column '{c}' only in the first run", c, "", double.PositiveInfinity));
        foreach (var c in columnsB.Except(columnsA)) differences.Add(new(name, 1, "", $"column '{c}' only in the second run", "", c, double.PositiveInfinity));
        if (rowsA.Count != rowsB.Count)
            differences.Add(new(name, 0, "", "number of rows", rowsA.Count.ToString(CultureInfo.InvariantCulture), rowsB.Count.ToString(CultureInfo.InvariantCulture), double.PositiveInfinity));
        var common = columnsA.Intersect(columnsB).ToArray();
        CellDifference? worst = null;
        int numeric = 0, rows = Math.Min(rowsA.Count, rowsB.Count);
        for (int r = 0; r < rows; r++)
        {
            var a = rowsA[r];
            var b = rowsB[r];
            string key = string.Join(" / ", new[] { "account_id", "instrument_id", "scenario" }.Where(a.ContainsKey).Select(k => a[k]));
            foreach (var column in common)
            {
                string x = a[column], y = b[column];
                bool text = TextColumns.Contains(column);
                bool nx = !text & TryNumber(x, out double vx), ny = !text & TryNumber(y, out double vy);
                if (nx && ny)
                {
                    numeric++;
                    double diff = Math.Abs(vx - vy);
                    double relative = diff == 0 ? 0 : diff / Math.Max(Math.Abs(vx), Math.Abs(vy));
                    var cell = new CellDifference(name, r + 2, key, column, x, y, relative);
                    if (relative > 0 && (worst is null || relative > worst.Relative)) worst = cell;
                    if (!(diff <= abs || diff <= rel * Math.Max(Math.Abs(vx), Math.Abs(vy)))) differences.Add(cell);
                }
                else if (!string.Equals(x, y, StringComparison.Ordinal))
                {
                    differences.Add(new CellDifference(name, r + 2, key, column, x, y, double.PositiveInfinity));
                }
            }
        }
        return new FileComparison(name, rows, numeric, worst, differences);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static (string[] Columns, List<Dictionary<string, string>> Rows) ReadAll(string path)
    {
        using var reader = CsvTableReader.Open(path, [], allowOtherColumns: true);
        var columns = reader.ColumnNames.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(columns.ToDictionary(c => c, c => reader.Optional(c) ?? "", StringComparer.Ordinal));
        return (columns, rows);
    }

    private static RunSummary? Summary(string folder)
    {
        string path = Path.Combine(folder, "manifest.json");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            string? Text(JsonElement e, params string[] names)
            {
                foreach (var n in names)
                    if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(n, out e)) return null;
                return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
            }
            string? paths = Text(root, "simulation", "paths");
            return new RunSummary(Text(root, "backend", "name"), Text(root, "backend", "device"), Text(root, "simulation", "seed"),
                long.TryParse(paths, NumberStyles.None, CultureInfo.InvariantCulture, out long p) ? p : null, Text(root, "backend", "gpu", "precision"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
