namespace StressMargin.IO.Output;

/// <summary>
/// Writes a set of output files so that a failed run never leaves a partial or corrupt file: each file is written
/// under a hidden temporary name in the destination folder and all are renamed to their final names only by
/// <see cref="Commit"/>; disposing without committing deletes the temporaries.
/// </summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly List<(string Temp, string Final)> _files = [];
    private bool _committed;

    /// <summary>Creates the destination folder if needed.</summary>
    /// <param name="directory">Destination folder.</param>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public AtomicFileSet(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
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

    /// <summary>Final paths of the staged files.</summary>
    public IEnumerable<string> FinalPaths => _files.Select(f => f.Final);

    /// <summary>Renames every staged file to its final name, replacing older files.</summary>
    /// <exception cref="IOException">A rename failed.</exception>
    public void Commit()
    {
        foreach (var (temp, final) in _files) File.Move(temp, final, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporaries of an uncommitted set.</summary>
    public void Dispose()
    {
        if (_committed) return;
        foreach (var (temp, _) in _files)
        {
            try { File.Delete(temp); }
            catch (IOException) { /* best effort: nothing else to do with a file we cannot delete */ }
            catch (UnauthorizedAccessException) { /* same */ }
        }
    }
}
