using System.Globalization;
using CsvHelper;
using StressMargin.Core;
using StressMargin.IO.Files;

namespace StressMargin.IO.Csv;

/// <summary>
/// Reads one of the engine's CSV input files strictly, on top of CsvHelper: comma-separated, header row, UTF-8,
/// invariant culture. The header must hold every required column and nothing outside the required and optional
/// columns; every accessor that fails throws an <see cref="InputException"/> naming file, line, column and what was expected.
/// </summary>
internal sealed class CsvTableReader : IDisposable
{
    private readonly StreamReader _stream;
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<string, int> _cellColumns;

    private CsvTableReader(string path, StreamReader stream, CsvReader csv, Dictionary<string, int> columns)
    {
        FilePath = path;
        _stream = stream;
        _csv = csv;
        _columns = columns;
        _cellColumns = columns.ToDictionary(kv => kv.Key, kv => kv.Value + 1, StringComparer.Ordinal);
    }

    /// <summary>The file path used in messages.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the current record.</summary>
    public int Line => (int)_csv.LineNumber;

    /// <summary>Opens a file and checks its header.</summary>
    /// <param name="path">File path.</param>
    /// <param name="required">Columns that must be present.</param>
    /// <param name="optional">Columns that may be present.</param>
    /// <param name="allowOtherColumns">Accept and ignore columns outside both lists (for third-party files such as
    /// exchange snapshots); the engine's own formats pass false.</param>
    /// <returns>The reader, positioned before the first record.</returns>
    /// <exception cref="InputException">Missing or unreadable file, a directory, FIFO or device (<see cref="InputFiles"/>), empty
    /// file, missing, duplicate or unexpected column, a header longer than <see cref="InputFiles.MaxCsvRecordBytes"/>.</exception>
    public static CsvTableReader Open(string path, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, bool allowOtherColumns = false)
    {
        optional ??= [];
        var stream = InputFiles.OpenText(path);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
            MaxRecordSize = InputFiles.MaxCsvRecordBytes,
        };
        CsvReader? csv = null;
        try
        {
            csv = CsvReader.Create(stream, options, leaveOpen: true);
            var header = csv.Headers ?? [];
            if (header.Count == 0 || (header.Count == 1 && string.IsNullOrWhiteSpace(header[0])))
                throw new InputException(new SourceLocation(path, 1), $"empty file; expected a header row with columns {string.Join(",", required)}");
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var allowed = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
            for (int c = 0; c < header.Count; c++)
            {
                string name = header[c].Trim();
                if (!allowed.Contains(name) && !allowOtherColumns)
                    throw new InputException(new SourceLocation(path, 1, c + 1), $"unexpected column '{name}' (expected columns: {string.Join(",", required.Concat(optional))})");
                if (!columns.TryAdd(name, c))
                    throw new InputException(new SourceLocation(path, 1, c + 1), $"column '{name}' appears twice");
            }
            foreach (var r in required)
                if (!columns.ContainsKey(r))
                    throw new InputException(new SourceLocation(path, 1), $"missing column '{r}' (expected columns: {string.Join(",", required.Concat(optional))})");
            return new CsvTableReader(path, stream, csv, columns);
        }
        catch (Exception e) when (e is not InputException)
        {
            csv?.Dispose();
            stream.Dispose();
            throw new InputException(new SourceLocation(path, 1), IsTooLong(e) ? TooLong : $"unreadable CSV header: {e.Message}");
        }
        catch
        {
            csv?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Advances to the next record.</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InputException">A malformed record (e.g. an unterminated quote) or a record whose field
    /// count differs from the header's.</exception>
    public bool Read()
    {
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or FormatException)
        {
            // The exception knows where the bad record starts; the reader's own line number may be stale or already advanced.
            int line = e is CsvFormatException { LineNumber: > 0 } f ? (int)f.LineNumber : Line;
            throw new InputException(new SourceLocation(FilePath, line), IsTooLong(e) ? TooLong : $"malformed CSV record: {e.Message.Split('\n')[0]}");
        }
        if (more && _csv.FieldCount != _columns.Count)
            throw new InputException(RecordLocation(), $"record has {_csv.FieldCount} fields but the header has {_columns.Count} ({string.Join(",", _columns.Keys)})");
        return more;
    }

    private static readonly string TooLong =
        $"record longer than {InputFiles.MaxCsvRecordBytes:N0} bytes (an unclosed quote, or not a CSV file?)";

    private static bool IsTooLong(Exception e) => e is CsvFormatException && e.Message.Contains("MaxRecordSize", StringComparison.Ordinal);

    /// <summary>The header's column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames => _columns.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();

    /// <summary>Location of a cell of the current record.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>file:line:column.</returns>
    public SourceLocation Location(string column) =>
        new(FilePath, Line, _columns.TryGetValue(column, out int c) ? c + 1 : 0);

    /// <summary>Location of the current record, from which <see cref="SourceLocation.Cell"/> finds any of its cells.</summary>
    /// <returns>file:line.</returns>
    public SourceLocation RecordLocation() => new(FilePath, Line) { Columns = _cellColumns };

    /// <summary>The trimmed cell, or null when the column is absent or the cell is empty.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>Text or null.</returns>
    public string? Optional(string column)
    {
        if (!_columns.TryGetValue(column, out int c)) return null;
        string? v = _csv.GetString(c);
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    /// <summary>A required non-empty cell.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="expected">What a valid value looks like, for the message.</param>
    /// <returns>Text.</returns>
    /// <exception cref="InputException">Empty cell.</exception>
    public string Required(string column, string expected) =>
        Optional(column) ?? throw new InputException(Location(column), $"{column}: expected {expected}, got an empty cell");

    /// <summary>A finite number.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="expected">Description of a valid value, e.g. "a positive number".</param>
    /// <param name="valid">Extra check on the value; null accepts any finite number.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InputException">Empty, unparsable, non-finite or invalid value.</exception>
    public double Number(string column, string expected, Func<double, bool>? valid = null)
    {
        string text = Required(column, expected);
        return ParseNumber(text, column, expected, valid);
    }

    /// <summary>A finite number or null when the cell is empty.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="expected">Description of a valid value.</param>
    /// <param name="valid">Extra check.</param>
    /// <returns>The number or null.</returns>
    /// <exception cref="InputException">Unparsable, non-finite or invalid value.</exception>
    public double? OptionalNumber(string column, string expected, Func<double, bool>? valid = null)
    {
        string? text = Optional(column);
        return text is null ? null : ParseNumber(text, column, expected, valid);
    }

    private double ParseNumber(string text, string column, string expected, Func<double, bool>? valid)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || (valid is not null && !valid(v)))
            throw new InputException(Location(column), $"{column}: expected {expected}, got '{text}'");
        return v;
    }

    /// <summary>An ISO 8601 UTC instant (<c>2026-03-27T08:00:00Z</c>; a bare date means 00:00Z), or null when empty.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The instant (offset zero) or null.</returns>
    /// <exception cref="InputException">Unparsable date.</exception>
    public DateTimeOffset? OptionalTimestamp(string column)
    {
        string? text = Optional(column);
        if (text is null) return null;
        return IsoTime.TryParseUtc(text, out var t) ? t
            : throw new InputException(Location(column), $"{column}: expected an ISO 8601 UTC date or time such as 2026-03-27T08:00:00Z or 2026-03-27, got '{text}'");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
