using System.Reflection;
using System.Runtime.InteropServices;

namespace StressMargin.Compute.Cuda.Native;

/// <summary>
/// Finds and loads the CUDA driver library and NVRTC, and resolves the P/Invoke names <see cref="Driver"/> and
/// <see cref="Nvrtc"/> of this assembly to them. Candidates, in order:
/// <list type="bullet">
/// <item>driver: <c>$STRESSMARGIN_LIBCUDA</c> alone when set; else <c>libcuda.so.1</c>, <c>libcuda.so</c>
/// (Windows: <c>nvcuda.dll</c>);</item>
/// <item>NVRTC: <c>$STRESSMARGIN_NVRTC</c> alone when set; else <c>libnvrtc.so.13</c>, <c>.12</c>, <c>.11.2</c>,
/// <c>.11</c>, <c>libnvrtc.so</c> by the loader's search path, then the same names under <c>$CUDA_PATH/lib64</c>,
/// <c>$CUDA_HOME/lib64</c> and <c>/usr/local/cuda/lib64</c> (Windows: <c>nvrtc64_130_0.dll</c>, <c>nvrtc64_120_0.dll</c>,
/// <c>nvrtc64_112_0.dll</c>).</item>
/// </list>
/// Each library is loaded at most once per process; a failure is remembered with every name tried and the
/// loader's message, which becomes the fall-back reason.
/// </summary>
internal static class CudaLibraries
{
    /// <summary>P/Invoke library name of the CUDA driver API.</summary>
    public const string Driver = "stressmargin-cuda-driver";
    /// <summary>P/Invoke library name of NVRTC.</summary>
    public const string Nvrtc = "stressmargin-nvrtc";
    /// <summary>Environment variable naming the driver library file to use instead of the search.</summary>
    public const string DriverOverrideVariable = "STRESSMARGIN_LIBCUDA";
    /// <summary>Environment variable naming the NVRTC library file to use instead of the search.</summary>
    public const string NvrtcOverrideVariable = "STRESSMARGIN_NVRTC";

    private static readonly Lazy<LoadResult> DriverLibrary = new(() => Load(DriverOverrideVariable, DriverCandidates()));
    private static readonly Lazy<LoadResult> NvrtcLibrary = new(() => Load(NvrtcOverrideVariable, NvrtcCandidates()));

    static CudaLibraries() => NativeLibrary.SetDllImportResolver(typeof(CudaLibraries).Assembly, Resolve);

    /// <summary>Loads the driver library (once).</summary>
    /// <exception cref="CudaUnavailableException">Not found; the message lists what was tried.</exception>
    public static void EnsureDriver()
    {
        var r = DriverLibrary.Value;
        if (r.Handle == IntPtr.Zero)
            throw new CudaUnavailableException(CudaUnavailableReason.DriverNotFound, $"CUDA driver not found ({r.Failure})");
    }

    /// <summary>Loads NVRTC (once).</summary>
    /// <returns>The file that was loaded.</returns>
    /// <exception cref="CudaUnavailableException">Not found; the message lists what was tried.</exception>
    public static string EnsureNvrtc()
    {
        var r = NvrtcLibrary.Value;
        if (r.Handle == IntPtr.Zero)
            throw new CudaUnavailableException(CudaUnavailableReason.NvrtcNotFound, $"NVRTC not found ({r.Failure}; set {NvrtcOverrideVariable} to the library file)");
        return r.LoadedName!;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        Driver => DriverLibrary.Value.Handle,
        Nvrtc => NvrtcLibrary.Value.Handle,
        _ => IntPtr.Zero,
    };

    private static IEnumerable<string> DriverCandidates() =>
        OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];

    private static IEnumerable<string> NvrtcCandidates()
    {
        if (OperatingSystem.IsWindows()) return ["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll"];
        string[] names = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11", "libnvrtc.so"];
        var folders = new[] { Environment.GetEnvironmentVariable("CUDA_PATH"), Environment.GetEnvironmentVariable("CUDA_HOME"), "/usr/local/cuda" }
            .Where(f => !string.IsNullOrEmpty(f)).Select(f => Path.Combine(f!, "lib64")).Distinct().Where(Directory.Exists);
        return names.Concat(folders.SelectMany(f => names.Select(n => Path.Combine(f, n))).Where(File.Exists));
    }

    private static LoadResult Load(string overrideVariable, IEnumerable<string> candidates)
    {
        string? forced = Environment.GetEnvironmentVariable(overrideVariable);
        var tried = new List<string>();
        foreach (var name in string.IsNullOrEmpty(forced) ? candidates : [forced])
        {
            try
            {
                return new LoadResult(NativeLibrary.Load(name), name, null);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                tried.Add(LoaderMessage(name, e.Message));
            }
        }
        string how = string.IsNullOrEmpty(forced) ? "" : $"{overrideVariable}: ";
        return new LoadResult(IntPtr.Zero, null, how + string.Join("; ", tried));
    }

    /// <summary>The loader's own line (dlerror: "libcuda.so.1: cannot open shared object file: …"), not .NET's
    /// generic advice that precedes it.</summary>
    private static string LoaderMessage(string name, string message)
    {
        string last = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;
        return last.Contains(name, StringComparison.Ordinal) ? last : $"{name}: {last}";
    }

    private sealed record LoadResult(IntPtr Handle, string? LoadedName, string? Failure);
}
