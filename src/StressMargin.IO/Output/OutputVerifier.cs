using System.Text.Json;

namespace StressMargin.IO.Output;

/// <summary>How one file of a folder compares with its manifest.</summary>
public enum VerifyStatus
{
    /// <summary>Present, with the size and SHA-256 the manifest records.</summary>
    Ok,
    /// <summary>Listed in the manifest but not in the folder.</summary>
    Missing,
    /// <summary>Present, but its size or SHA-256 differs from the manifest's (another run wrote it, or it was edited).</summary>
    Modified,
    /// <summary>An output file of stressmargin in the folder that no manifest lists (left by an earlier run).</summary>
    Unlisted,
}

/// <summary>One file's result.</summary>
/// <param name="Manifest">The manifest that lists it (<c>manifest.json</c>, …), or null for an unlisted file.</param>
/// <param name="File">File name.</param>
/// <param name="Status">The comparison.</param>
/// <param name="Detail">What differs, for <see cref="VerifyStatus.Modified"/>.</param>
public sealed record VerifyEntry(string? Manifest, string File, VerifyStatus Status, string? Detail = null);

/// <summary>
/// <c>stressmargin verify DIR</c>: checks an output folder against the <c>outputs</c> list (name, bytes, SHA-256) of every
/// manifest in it — <c>manifest.json</c> (run), <c>stress-manifest.json</c>, <c>calibration.json</c>, <c>backtest.json</c> —
/// and reports files that are missing, modified, or are stressmargin outputs that no manifest lists (a mixed folder).
/// Hidden files (the lock file, temporaries) and files of other names are ignored.
/// </summary>
public static class OutputVerifier
{
    /// <summary>Manifests that list output files, in the order they are checked.</summary>
    public static readonly string[] Manifests = ["manifest.json", "stress-manifest.json", "calibration.json", "backtest.json"];

    /// <summary>Names of the files stressmargin writes into an output folder (for <see cref="VerifyStatus.Unlisted"/>).</summary>
    public static readonly string[] KnownOutputs =
        ["margin.csv", "attribution.csv", "greeks.csv", "explain.csv", "stress.csv", "calibration.csv", "backtest.csv", "backtest_daily.csv", "calibration.json", "stress-manifest.json", "backtest.json"];

    /// <summary>Verifies a folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>One entry per listed file (manifest order), then the unlisted ones; and the manifests found.</returns>
    /// <exception cref="Core.InputException">The folder is missing or not a folder, holds no manifest, or a manifest is not
    /// valid JSON or has no <c>outputs</c> list.</exception>
    public static (IReadOnlyList<VerifyEntry> Entries, IReadOnlyList<string> Manifests) Verify(string directory)
    {
        var where = new Core.SourceLocation(directory);
        if (File.Exists(directory)) throw new Core.InputException(where, "this path is a file; expected an output folder");
        if (!Directory.Exists(directory)) throw new Core.InputException(where, "folder not found");
        var found = Manifests.Where(m => File.Exists(Path.Combine(directory, m))).ToArray();
        if (found.Length == 0) throw new Core.InputException(where, $"no manifest in the folder (expected {string.Join(", ", Manifests)})");
        var entries = new List<VerifyEntry>();
        var listed = new HashSet<string>(found, StringComparer.Ordinal);
        foreach (var manifest in found)
        {
            foreach (var (file, bytes, sha) in ReadOutputs(Path.Combine(directory, manifest)))
            {
                listed.Add(file);
                string path = Path.Combine(directory, file);
                if (!File.Exists(path)) { entries.Add(new VerifyEntry(manifest, file, VerifyStatus.Missing)); continue; }
                var actual = OutputFileInfo.Of(file, path);
                entries.Add(actual.Bytes == bytes && actual.Sha256 == sha
                    ? new VerifyEntry(manifest, file, VerifyStatus.Ok)
                    : new VerifyEntry(manifest, file, VerifyStatus.Modified, actual.Bytes != bytes
                        ? $"{actual.Bytes:N0} bytes, the manifest says {bytes:N0}"
                        : $"sha256 {actual.Sha256[..12]}…, the manifest says {sha[..Math.Min(12, sha.Length)]}…"));
            }
        }
        foreach (var name in KnownOutputs.Where(n => !listed.Contains(n) && File.Exists(Path.Combine(directory, n))))
            entries.Add(new VerifyEntry(null, name, VerifyStatus.Unlisted));
        return (entries, found);
    }

    private static IEnumerable<(string File, long Bytes, string Sha256)> ReadOutputs(string manifestPath)
    {
        var where = new Core.SourceLocation(manifestPath);
        JsonDocument doc;
        try
        {
            using var stream = Files.InputFiles.OpenRead(manifestPath);
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new Core.InputException(new Core.SourceLocation(manifestPath, (int)(e.LineNumber ?? -1) + 1), $"not valid JSON: {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
                throw new Core.InputException(where, "the manifest has no 'outputs' list (written by a stressmargin older than 0.1.0's output hashes?)");
            var list = new List<(string, long, string)>();
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("file", out var f) || f.ValueKind != JsonValueKind.String
                    || !o.TryGetProperty("bytes", out var b) || !b.TryGetInt64(out long bytes)
                    || !o.TryGetProperty("sha256", out var h) || h.ValueKind != JsonValueKind.String)
                    throw new Core.InputException(where, "an 'outputs' entry without file, bytes and sha256");
                string name = f.GetString()!;
                if (name.Length == 0 || name != Path.GetFileName(name))
                    throw new Core.InputException(where, $"an 'outputs' entry names '{name}', which is not a file name in the folder");
                list.Add((name, bytes, h.GetString()!));
            }
            return list;
        }
    }
}
