namespace StressMargin.Gpu;

/// <summary>The two files of NVIDIA's LibDevice that ILGPU needs to compile <c>Math.Exp</c>/<c>Math.Log</c> to
/// <c>__nv_exp</c>/<c>__nv_log</c>: the NVVM library and the LibDevice bitcode.</summary>
/// <param name="LibNvvm">Path of <c>nvvm/lib64/libnvvm*.so</c>.</param>
/// <param name="LibDevice">Path of <c>nvvm/libdevice/libdevice*.bc</c>.</param>
public sealed record LibDeviceFiles(string LibNvvm, string LibDevice);

/// <summary>
/// Finds LibDevice in a CUDA installation: <c>$CUDA_HOME</c>, <c>$CUDA_PATH</c>, <c>/usr/local/cuda</c>, then the
/// versioned <c>/usr/local/cuda-*</c> folders (newest first). ILGPU's own lookup reads only <c>CUDA_HOME</c>, so the
/// backend passes the paths found here explicitly.
/// </summary>
public static class LibDeviceLocator
{
    /// <summary>The CUDA roots searched, in order.</summary>
    /// <returns>Existing folders.</returns>
    public static IReadOnlyList<string> Roots()
    {
        var roots = new List<string>();
        foreach (var variable in new[] { "CUDA_HOME", "CUDA_PATH" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) roots.Add(value);
        roots.Add("/usr/local/cuda");
        if (Directory.Exists("/usr/local"))
            roots.AddRange(Directory.GetDirectories("/usr/local", "cuda-*").OrderDescending(StringComparer.Ordinal));
        return roots.Where(Directory.Exists).Distinct().ToArray();
    }

    /// <summary>The first CUDA root with both files.</summary>
    /// <param name="why">When none is found, what was searched.</param>
    /// <returns>The files, or null.</returns>
    public static LibDeviceFiles? Find(out string why)
    {
        var roots = Roots();
        foreach (var root in roots)
        {
            string lib = Path.Combine(root, "nvvm", "lib64"), bitcode = Path.Combine(root, "nvvm", "libdevice");
            var nvvm = Directory.Exists(lib) ? Directory.GetFiles(lib, "libnvvm*.so*").Order(StringComparer.Ordinal).FirstOrDefault() : null;
            var device = Directory.Exists(bitcode) ? Directory.GetFiles(bitcode, "libdevice*.bc").Order(StringComparer.Ordinal).FirstOrDefault() : null;
            if (nvvm is not null && device is not null)
            {
                why = "";
                return new LibDeviceFiles(nvvm, device);
            }
        }
        why = roots.Count == 0
            ? "no CUDA installation (CUDA_HOME, CUDA_PATH, /usr/local/cuda*)"
            : $"no nvvm/lib64/libnvvm*.so with nvvm/libdevice/libdevice*.bc under {string.Join(", ", roots)}";
        return null;
    }
}
