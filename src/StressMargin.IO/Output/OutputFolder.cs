using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StressMargin.IO.Output;

/// <summary>
/// Takes an output folder for one run before any simulation (docs/formats.md §6.1): creates it, takes an exclusive
/// advisory lock on its <see cref="LockFileName"/> (a second run into the folder fails at once, or waits), writes and
/// removes a probe file (so a read-only folder or a full disk is found before the work, not after it), and removes the
/// temporary files that runs killed while writing left behind (their process is gone). Dispose deletes the lock file
/// and releases the lock, and removes the folder again when this run created it and left it empty (a failed or
/// cancelled run). Because the lock file is deleted, a run that locked it checks afterwards that the file at the path is
/// still the one it locked (it stamps the file's modification time with a value of its own and reads it back through
/// the path); a run that locked a file deleted meanwhile tries again.
/// </summary>
public sealed partial class OutputFolder : IDisposable
{
    /// <summary>The lock file's name in the output folder (hidden, empty).</summary>
    public const string LockFileName = ".stressmargin.lock";

    /// <summary>Bytes written by the probe: one file-system block.</summary>
    public const int ProbeBytes = 4096;

    private readonly FileStream _lock;
    private readonly bool _created;

    private OutputFolder(string directory, FileStream lockStream, bool created, IReadOnlyList<string> removed)
    {
        Directory = directory;
        _lock = lockStream;
        _created = created;
        RemovedLeftovers = removed;
    }

    /// <summary>The folder, absolute.</summary>
    public string Directory { get; }

    /// <summary>Temporary files of dead runs removed when the folder was taken.</summary>
    public IReadOnlyList<string> RemovedLeftovers { get; }

    /// <summary>Creates, locks, probes and cleans the folder.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="waitForLock">Wait while another run holds the lock (<c>--wait-lock</c>) instead of failing.</param>
    /// <param name="onWait">Called once when the lock is busy and the run waits (for a log line); may be null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The held folder; dispose it after the outputs are committed.</returns>
    /// <exception cref="OutputLockedException">Another run holds the lock and <paramref name="waitForLock"/> is false.</exception>
    /// <exception cref="OutputException">The folder cannot be created or written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public static OutputFolder Acquire(string directory, bool waitForLock = false, Action<string>? onWait = null, CancellationToken cancellationToken = default)
    {
        string dir = Path.GetFullPath(directory);
        if (File.Exists(dir)) throw new OutputException($"the output folder {dir} is a file; expected a folder (created if missing)");
        for (var up = Path.GetDirectoryName(dir); up is not null; up = Path.GetDirectoryName(up))
            if (File.Exists(up)) throw new OutputException($"cannot create the output folder {dir}: {up} is a file, not a folder");
        bool created = !System.IO.Directory.Exists(dir);
        string lockPath = Path.Combine(dir, LockFileName);
        FileStream? held = null;
        bool waiting = false;
        while (held is null)
        {
            try
            {
                System.IO.Directory.CreateDirectory(dir); // again on each try: a run that finished may have removed it
                // On Unix, FileShare.None makes .NET take flock(LOCK_EX | LOCK_NB): an advisory lock that every other
                // stressmargin process (and every other opener asking for a lock) respects, released when the process ends.
                var candidate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                bool current;
                try { current = IsAtPath(candidate, lockPath); }
                catch { candidate.Dispose(); throw; }
                if (current) held = candidate;
                else candidate.Dispose(); // locked a file that its holder deleted on release: lock the new one
            }
            catch (DirectoryNotFoundException)
            {
                // The folder was removed by a run that created it and failed: create it again.
            }
            catch (IOException e) when (IsLockBusy(e))
            {
                if (!waitForLock)
                    throw new OutputLockedException($"the output folder {dir} is in use by another stressmargin run (it holds {lockPath}); wait for it to finish, pass --wait-lock to wait, or choose another --out");
                if (!waiting) onWait?.Invoke($"waiting for the other run writing into {dir} (lock {lockPath})");
                waiting = true;
                if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200))) cancellationToken.ThrowIfCancellationRequested();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException($"cannot write into the output folder {dir}: {Reason(e)}", e);
            }
        }
        var folder = new OutputFolder(dir, held, created, []);
        try
        {
            Probe(dir);
            return new OutputFolder(dir, held, created, RemoveLeftovers(dir));
        }
        catch
        {
            folder.Dispose(); // removes the lock file, and the folder when this run created it
            throw;
        }
    }

    /// <summary>The lock is held by another open file description (flock EWOULDBLOCK: errno 11 on Linux, 35 on macOS).</summary>
    private static bool IsLockBusy(IOException e) =>
        e.HResult is 11 or 35 || e.Message.Contains("being used by another process", StringComparison.Ordinal);

    /// <summary>Whether the locked stream is the file now at <paramref name="path"/>: stamps the stream's modification
    /// time with a value unique to this attempt and reads the path's back.</summary>
    private static bool IsAtPath(FileStream locked, string path)
    {
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Random.Shared.NextInt64(0, 300_000_000));
        File.SetLastWriteTimeUtc(locked.SafeFileHandle, stamp);
        return File.Exists(path) && File.GetLastWriteTimeUtc(path) == stamp;
    }

    /// <summary>Deletes the lock file and releases the lock; removes the folder when this run created it and it is empty.</summary>
    public void Dispose()
    {
        try { File.Delete(Path.Combine(Directory, LockFileName)); }
        catch (IOException) { /* best effort: a lock file left behind is harmless */ }
        catch (UnauthorizedAccessException) { }
        _lock.Dispose();
        if (!_created) return;
        try
        {
            if (!System.IO.Directory.EnumerateFileSystemEntries(Directory).Any()) System.IO.Directory.Delete(Directory);
        }
        catch (IOException) { /* another run wrote into it meanwhile */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A temporary file name of <see cref="AtomicFileSet"/> or of the probe: <c>.NAME.PID.GUID.tmp</c>.</summary>
    [GeneratedRegex(@"^\..+\.(?<pid>[0-9]+)\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    /// <summary>The process id that wrote a temporary file, or null when the name is not one of ours.</summary>
    /// <param name="fileName">File name.</param>
    /// <returns>The pid or null.</returns>
    public static int? TempOwner(string fileName) =>
        TempName().Match(fileName) is { Success: true } m && int.TryParse(m.Groups["pid"].Value, out int pid) ? pid : null;

    private static void Probe(string dir)
    {
        string probe = Path.Combine(dir, $".stressmargin-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Guard(dir, "write a probe file into the output folder", () =>
            {
                using (var s = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    s.Write(new byte[ProbeBytes]);
                    s.Flush(flushToDisk: true);
                }
                File.Delete(probe);
            });
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Deletes temporary files whose writing process no longer runs (a run killed while writing); files of
    /// live processes are left alone.</summary>
    private static IReadOnlyList<string> RemoveLeftovers(string dir)
    {
        var removed = new List<string>();
        foreach (string path in System.IO.Directory.EnumerateFiles(dir, ".*.tmp"))
        {
            if (TempOwner(Path.GetFileName(path)) is not { } pid || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                File.Delete(path);
                removed.Add(path);
            }
            catch (IOException) { /* best effort: a later run tries again */ }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Runs a file-system action, turning an I/O or permission error into an <see cref="OutputException"/>.</summary>
    internal static void Guard(string path, string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || IsFileTooLarge(e))
        {
            throw new OutputException($"cannot {what} {path}: {Reason(e)}", e);
        }
    }

    /// <summary>EFBIG (a write beyond the file-size limit), which .NET reports as an ArgumentOutOfRangeException thrown
    /// by its file write.</summary>
    private static bool IsFileTooLarge(Exception e) =>
        e is ArgumentOutOfRangeException && e.TargetSite?.DeclaringType?.FullName == "System.IO.RandomAccess";

    /// <summary>The cause of an I/O error in words, naming a full disk or a permission problem explicitly.</summary>
    internal static string Reason(Exception e)
    {
        const int enospc = 28, edquot = 122, efbig = 27, erofs = 30;
        int errno = e.HResult & 0xFFFF;
        return e switch
        {
            UnauthorizedAccessException => "permission denied",
            ArgumentOutOfRangeException => "file too large (a file-size limit)",
            IOException when e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || errno == enospc => "no space left on the device (disk full)",
            IOException when errno == edquot || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase) => "disk quota exceeded",
            IOException when errno == efbig || e.Message.Contains("too large", StringComparison.OrdinalIgnoreCase) => "file too large (a file-size limit)",
            IOException when errno == erofs || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "read-only file system",
            _ => e.Message,
        };
    }
}
