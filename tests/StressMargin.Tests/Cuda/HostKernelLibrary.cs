using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// Builds, once per test run, a shared library from kernels/*.cu and *.cuh with the host compiler (Native/: the CUDA
/// shim, the device-math exports and the kernel emulator) and resolves the P/Invoke name <see cref="Name"/> of the
/// test assembly to it. The library is cached under bin/…/host-kernels/ by a hash of its sources and flags, so an
/// unchanged tree does not recompile.
/// </summary>
internal static class HostKernelLibrary
{
    public const string Name = "stressmargin-host-kernels";

    /// <summary>IEEE double arithmetic as written: no contraction into FMA, no fast-math reassociation.</summary>
    public static readonly string[] Flags = ["-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math", "-fPIC", "-shared", "-Wall", "-Wextra", "-Werror"];

    private static readonly Lazy<IntPtr> Handle = new(Build);

    static HostKernelLibrary() =>
        NativeLibrary.SetDllImportResolver(typeof(HostKernelLibrary).Assembly, (name, _, _) => name == Name ? Handle.Value : IntPtr.Zero);

    public static string KernelFolder => RepoPaths.Combine("kernels");

    public static string NativeFolder => RepoPaths.Combine("tests", "StressMargin.Tests", "Cuda", "Native");

    public static string Shim => Path.Combine(NativeFolder, "cuda_shim.h");

    /// <summary>Builds and loads the library (throws with the compiler output on failure).</summary>
    public static void Ensure() => _ = Handle.Value;

    private static IntPtr Build()
    {
        var sources = new[] { Path.Combine(NativeFolder, "device_math_exports.cpp"), Path.Combine(NativeFolder, "kernel_emulator.cpp") };
        var inputs = Directory.GetFiles(KernelFolder).Where(f => f.EndsWith(".cu", StringComparison.Ordinal) || f.EndsWith(".cuh", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(NativeFolder)).Order(StringComparer.Ordinal);
        var hash = new StringBuilder(string.Join(' ', Flags)).Append(HostCompiler.Path);
        foreach (var f in inputs) hash.Append('\n').Append(Path.GetFileName(f)).Append('\n').Append(File.ReadAllText(f));
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..16];
        string folder = Path.Combine(AppContext.BaseDirectory, "host-kernels");
        string library = Path.Combine(folder, $"libsm-host-kernels-{key}.so");
        if (!File.Exists(library))
        {
            Directory.CreateDirectory(folder);
            string temp = library + $".{Environment.ProcessId}.tmp";
            var (code, output) = HostCompiler.Run([.. Flags, "-include", Shim, "-I", KernelFolder, .. sources, "-o", temp]);
            if (code != 0) throw new InvalidOperationException($"host compilation of the kernels failed ({code}):\n{output}");
            File.Move(temp, library, overwrite: true);
        }
        return NativeLibrary.Load(library);
    }
}
