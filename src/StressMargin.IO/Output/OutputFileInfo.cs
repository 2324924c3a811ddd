using System.Security.Cryptography;

namespace StressMargin.IO.Output;

/// <summary>An output file as recorded in a manifest's <c>outputs</c> list, so that <c>verify</c> can check the folder.</summary>
/// <param name="File">File name within the output folder, e.g. <c>margin.csv</c>.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the contents.</param>
public sealed record OutputFileInfo(string File, long Bytes, string Sha256)
{
    /// <summary>Hashes a file.</summary>
    /// <param name="name">The name to record.</param>
    /// <param name="path">The file to hash (a staged temporary, or the final file).</param>
    /// <returns>The record.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OutputFileInfo Of(string name, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new OutputFileInfo(name, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
