using System.Globalization;
using CsvHelper;

namespace StressMargin.IO.Csv;

/// <summary>
/// Writes a CSV file in the engine's format (comma-separated, header row, UTF-8 without BOM, invariant culture,
/// numbers in shortest round-trip form so no precision is lost) through CsvHelper.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    /// <summary>Creates the file (overwriting it) and writes the header.</summary>
    /// <param name="path">Destination path; callers that need atomicity pass a temporary name.</param>
    /// <param name="header">Column names.</param>
    public CsvTableWriter(string path, IReadOnlyList<string> header)
    {
        _stream = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _csv = CsvWriter.Create(_stream, new CsvWriterOptions { Separator = ',', NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (var h in header) _csv.WriteField(h);
        _csv.EndRecord();
    }

    /// <summary>Writes a text field (quoted by CsvHelper when needed).</summary>
    /// <param name="text">Field text; null writes an empty field.</param>
    /// <returns>This writer.</returns>
    public CsvTableWriter Field(string? text)
    {
        _csv.WriteField(text ?? "");
        return this;
    }

    /// <summary>Writes a number in round-trip form; NaN writes an empty field and −0 is written as 0.</summary>
    /// <param name="value">The number.</param>
    /// <returns>This writer.</returns>
    public CsvTableWriter Field(double value) => Field(Text(value));

    /// <summary>The text <see cref="Field(double)"/> writes for a number: round-trip form, empty for NaN, 0 for −0.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The field's text.</returns>
    public static string Text(double value) => double.IsNaN(value) ? "" : (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes an optional number.</summary>
    /// <param name="value">The number or null (empty field).</param>
    /// <returns>This writer.</returns>
    public CsvTableWriter Field(double? value) => value is null ? Field((string?)null) : Field(value.Value);

    /// <summary>Ends the current record.</summary>
    public void EndRecord() => _csv.EndRecord();

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
