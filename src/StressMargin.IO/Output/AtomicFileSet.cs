namespace StressMargin.IO.Output;

/// <summary>
/// Writes a set of output files so that a failed run never leaves a partial or corrupt file: each file is written
/// under a hidden temporary name in the destination folder (<c>.NAME.PID.GUID.tmp</c>) and all are renamed to their
/// final names only by <see cref="Commit"/>, in staging order (stage the manifest last, so that a set whose renames
/// were interrupted is caught by <c>verify</c>); disposing without committing deletes the temporaries. An I/O or
/// permission error while writing or renaming (a full disk, a read-only folder) is an <see cref="OutputException"/>;
/// before <see cref="Commit"/> the previous outputs are untouched.
/// </summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly List<(string Temp, string Final)> _files = [];
    private bool _committed;

    /// <summary>Creates the destination folder if needed.</summary>
    /// <param name="directory">Destination folder.</param>
    /// <exception cref="OutputException">The folder cannot be created.</exception>
    public AtomicFileSet(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        OutputFolder.Guard(Directory, "create the output folder", () => System.IO.Directory.CreateDirectory(Directory));
    }

    /// <summary>The destination folder.</summary>
    public string Directory { get; }

    /// <summary>Reserves a file: returns the temporary path to write it to.</summary>
    /// <param name="fileName">Final file name within the folder, e.g. <c>margin.csv</c>.</param>
    /// <returns>Temporary path in the same folder (so the rename is atomic on one file system).</returns>
    public string Stage(string fileName)
    {
        string temp = System.IO.Path.Combine(Directory, $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _files.Add((temp, System.IO.Path.Combine(Directory, fileName)));
        return temp;
    }

    /// <summary>Stages a file and writes it with <paramref name="write"/> (given the temporary path).</summary>
    /// <param name="fileName">Final file name.</param>
    /// <param name="write">Writes the file at the path it is given.</param>
    /// <exception cref="OutputException">An I/O or permission error while writing (e.g. a full disk).</exception>
    public void Write(string fileName, Action<string> write)
    {
        string temp = Stage(fileName);
        OutputFolder.Guard(System.IO.Path.Combine(Directory, fileName), "write", () => write(temp));
    }

    /// <summary>Stages a text file (UTF-8 without BOM).</summary>
    /// <param name="fileName">Final file name.</param>
    /// <param name="text">Contents.</param>
    /// <exception cref="OutputException">An I/O or permission error while writing.</exception>
    public void WriteText(string fileName, string text) => Write(fileName, p => File.WriteAllText(p, text));

    /// <summary>Final paths of the staged files.</summary>
    public IEnumerable<string> FinalPaths => _files.Select(f => f.Final);

    /// <summary>Name, size and SHA-256 of every file staged so far (for the manifest's <c>outputs</c>).</summary>
    /// <returns>In staging order.</returns>
    /// <exception cref="OutputException">A staged file cannot be read back.</exception>
    public IReadOnlyList<OutputFileInfo> Hashes()
    {
        var list = new List<OutputFileInfo>(_files.Count);
        foreach (var (temp, final) in _files)
            OutputFolder.Guard(final, "read back", () => list.Add(OutputFileInfo.Of(System.IO.Path.GetFileName(final), temp)));
        return list;
    }

    /// <summary>Flushes every staged file to the disk, then renames each to its final name, replacing older files.</summary>
    /// <param name="cancellationToken">Checked once before the first rename: a run cancelled before that point writes nothing.</param>
    /// <exception cref="OutputException">A final name is a folder, or a flush or rename failed (when a rename after the first
    /// fails, the message says which files were already replaced).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first rename.</exception>
    public void Commit(CancellationToken cancellationToken = default)
    {
        foreach (var (temp, final) in _files)
        {
            if (System.IO.Directory.Exists(final)) throw new OutputException($"cannot write {final}: a folder of that name is in the way");
            OutputFolder.Guard(final, "write", () =>
            {
                using var s = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                s.Flush(flushToDisk: true);
            });
        }
        cancellationToken.ThrowIfCancellationRequested();
        var replaced = new List<string>();
        foreach (var (temp, final) in _files)
        {
            try
            {
                File.Move(temp, final, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string done = replaced.Count == 0 ? "no file was replaced"
                    : $"{string.Join(", ", replaced.Select(System.IO.Path.GetFileName))} already replaced, so the folder now mixes two runs (verify reports which files)";
                throw new OutputException($"cannot rename into {final}: {OutputFolder.Reason(e)}; {done}", e);
            }
            replaced.Add(final);
        }
        _committed = true;
    }

    /// <summary>Deletes the temporaries of an uncommitted set.</summary>
    public void Dispose()
    {
        if (_committed) return;
        foreach (var (temp, _) in _files)
        {
            try { File.Delete(temp); }
            catch (IOException) { /* best effort: the next run into the folder removes leftovers of dead processes */ }
            catch (UnauthorizedAccessException) { /* same */ }
        }
    }
}
