using System.Diagnostics;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// The host C++ compiler used to compile kernels/*.cuh and *.cu for the tests: $CXX when set, else the first of
/// g++, c++, clang++ found on PATH. <see cref="Path"/> is null (and <see cref="MissingReason"/> says why) when there
/// is none; the tests that need it are then skipped with that reason.
/// </summary>
internal static class HostCompiler
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string? Path => Found.Value;

    public static string MissingReason =>
        "no host C++ compiler found ($CXX, g++, c++ or clang++ on PATH); the host-compiled kernel tests need one";

    /// <summary>Runs the compiler; returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "compiler timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Find()
    {
        string? cxx = Environment.GetEnvironmentVariable("CXX");
        if (!string.IsNullOrWhiteSpace(cxx)) return OnPath(cxx) ?? (File.Exists(cxx) ? cxx : null);
        foreach (var name in new[] { "g++", "c++", "clang++" })
            if (OnPath(name) is { } p) return p;
        return null;
    }

    private static string? OnPath(string name)
    {
        if (name.Contains(System.IO.Path.DirectorySeparatorChar)) return File.Exists(name) ? name : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A [Fact] that is skipped, with the reason, when no host C++ compiler is available.</summary>
public sealed class HostCompilerFactAttribute : FactAttribute
{
    public HostCompilerFactAttribute()
    {
        if (HostCompiler.Path is null) Skip = HostCompiler.MissingReason;
    }
}

/// <summary>A [Theory] that is skipped, with the reason, when no host C++ compiler is available.</summary>
public sealed class HostCompilerTheoryAttribute : TheoryAttribute
{
    public HostCompilerTheoryAttribute()
    {
        if (HostCompiler.Path is null) Skip = HostCompiler.MissingReason;
    }
}
