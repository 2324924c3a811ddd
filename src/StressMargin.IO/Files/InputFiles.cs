using StressMargin.Core;

namespace StressMargin.IO.Files;

/// <summary>
/// Opens input files for reading, turning every way a path can be wrong into an <see cref="InputException"/> (exit
/// code 3) that says what the path is: missing, a directory, a FIFO or a device (refused before opening: a FIFO would
/// block, <c>/dev/zero</c> never ends), or unreadable (permission denied, an I/O error). What is read is bounded
/// elsewhere: CSV records by <see cref="MaxCsvRecordBytes"/>, YAML files by <see cref="BoundedTextReader"/>.
/// </summary>
public static class InputFiles
{
    /// <summary>Longest CSV record (header or row), in bytes of UTF-8 input: 1 MiB. The engine's widest row is under
    /// 200 bytes; a longer record is a wrong file (a binary file, an unclosed quote), not data.</summary>
    public const int MaxCsvRecordBytes = 1 << 20;

    /// <summary>Checks that a path names a readable regular file.</summary>
    /// <param name="path">The path.</param>
    /// <param name="where">Where the error is reported: the path itself, or where a scenario names it.</param>
    /// <param name="notFound">Message for a missing path (e.g. <c>file not found</c>).</param>
    /// <exception cref="InputException">Missing, a directory, a FIFO, a device or a socket.</exception>
    public static void RequireRegularFile(string path, SourceLocation? where, string notFound)
    {
        where ??= new SourceLocation(path);
        if (Directory.Exists(path))
            throw new InputException(where, $"{Describe(path, where)}is a directory, not a file");
        if (!File.Exists(path)) throw new InputException(where, notFound);
        if (PosixFileType.NonRegularKind(path) is { } kind)
            throw new InputException(where, $"{Describe(path, where)}is {kind}, not a regular file; inputs are read only from regular files");
    }

    /// <summary>Opens a regular file as UTF-8 text (a byte-order mark is honoured).</summary>
    /// <param name="path">The path.</param>
    /// <param name="where">Where errors are reported; null for the path itself.</param>
    /// <param name="notFound">Message for a missing path.</param>
    /// <returns>The reader; the caller disposes it.</returns>
    /// <exception cref="InputException">See <see cref="RequireRegularFile"/>; permission denied; an I/O error.</exception>
    public static StreamReader OpenText(string path, SourceLocation? where = null, string notFound = "file not found")
    {
        RequireRegularFile(path, where, notFound);
        return new StreamReader(OpenRead(path, where), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Opens a regular file for reading (hashing, parsing).</summary>
    /// <param name="path">The path, already known to be a regular file.</param>
    /// <param name="where">Where errors are reported; null for the path itself.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="InputException">Permission denied or an I/O error.</exception>
    public static FileStream OpenRead(string path, SourceLocation? where = null)
    {
        where ??= new SourceLocation(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(where, $"{Describe(path, where)}cannot be read: permission denied");
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InputException(where, $"{Describe(path, where)}cannot be read: {e.Message}");
        }
        catch (IOException)
        {
            throw new InputException(where, "file not found");
        }
    }

    /// <summary>"PATH " when the location names another file (the scenario line that refers to it), else "this path ".</summary>
    private static string Describe(string path, SourceLocation where) =>
        string.Equals(Path.GetFullPath(where.File), Path.GetFullPath(path), StringComparison.Ordinal) ? "this path " : $"{path} ";
}
