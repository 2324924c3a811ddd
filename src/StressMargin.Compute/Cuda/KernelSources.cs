using System.Security.Cryptography;
using System.Text;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// The CUDA C++ sources of <c>kernels/</c>, embedded in this assembly at build time (<c>*.cu</c> and <c>*.cuh</c>).
/// NVRTC compiles one translation unit, <see cref="MainName"/>, that includes every kernel file; all files are
/// handed to NVRTC as in-memory headers, so nothing is read from disk at run time.
/// </summary>
internal sealed class KernelSources
{
    /// <summary>Name of the generated translation unit.</summary>
    public const string MainName = "stressmargin_kernels.cu";

    private static readonly Lazy<KernelSources> Embedded = new(Load);

    private KernelSources(IReadOnlyList<KeyValuePair<string, string>> files)
    {
        Files = files;
        Main = string.Concat(files.Where(f => f.Key.EndsWith(".cu", StringComparison.Ordinal)).Select(f => $"#include \"{f.Key}\"\n"));
    }

    /// <summary>The embedded sources.</summary>
    public static KernelSources Current => Embedded.Value;

    /// <summary>File name → text, ordered by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Files { get; }

    /// <summary>The translation unit: one <c>#include</c> per <c>.cu</c> file.</summary>
    public string Main { get; }

    /// <summary>
    /// Lower-case hex SHA-256 of everything that determines the compiled module: every file's name and text, the
    /// translation unit, the compiler options and the compiler's identity (the module cache key).
    /// </summary>
    /// <param name="options">NVRTC options.</param>
    /// <param name="compiler">e.g. <c>nvrtc 12.4</c>.</param>
    /// <returns>64 hex digits.</returns>
    public string Hash(IEnumerable<string> options, string compiler)
    {
        var text = new StringBuilder("stressmargin-kernels-1\n").Append(compiler).Append('\n');
        foreach (var o in options) text.Append(o).Append('\n');
        text.Append(Main);
        foreach (var (name, source) in Files) text.Append("\n--- ").Append(name).Append('\n').Append(source);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static KernelSources Load()
    {
        var assembly = typeof(KernelSources).Assembly;
        var files = new List<KeyValuePair<string, string>>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("kernels/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add(new(resource["kernels/".Length..], reader.ReadToEnd()));
        }
        if (files.Count == 0) throw new InvalidOperationException("no kernel sources are embedded in " + assembly.GetName().Name);
        return new KernelSources(files);
    }
}
