using System.Security.Cryptography;

namespace StressMargin.Engine;

/// <summary>An input file as recorded in the manifest.</summary>
/// <param name="Role">scenario, instruments, positions, spots, forwards or vol_surface.</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the contents.</param>
public sealed record InputFileInfo(string Role, string Path, long Bytes, string Sha256)
{
    /// <summary>Hashes a file.</summary>
    /// <param name="role">Role name.</param>
    /// <param name="path">Path of an existing file.</param>
    /// <returns>The record.</returns>
    /// <exception cref="Core.InputException">The file cannot be read.</exception>
    public static InputFileInfo Of(string role, string path)
    {
        using var stream = IO.Files.InputFiles.OpenRead(path);
        var hash = SHA256.HashData(stream);
        return new InputFileInfo(role, System.IO.Path.GetFullPath(path), stream.Length, Convert.ToHexStringLower(hash));
    }
}
