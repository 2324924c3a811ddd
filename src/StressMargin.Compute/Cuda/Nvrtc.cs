using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using StressMargin.Compute.Cuda.Native;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// Compiles the kernels with NVRTC for one device (the options in <see cref="Options"/>): a cubin for the device's
/// architecture when NVRTC knows it, else PTX for the newest architecture NVRTC supports below it (the driver
/// JIT-compiles PTX for the device).
/// </summary>
internal static class Nvrtc
{
    /// <summary>NVRTC's version.</summary>
    /// <returns>(major, minor).</returns>
    /// <exception cref="CudaUnavailableException">NVRTC cannot be loaded.</exception>
    public static (int Major, int Minor) Version()
    {
        CudaLibraries.EnsureNvrtc();
        Check(LibNvrtc.nvrtcVersion(out int major, out int minor), "nvrtcVersion");
        return (major, minor);
    }

    /// <summary>The compile target for a device: (<c>sm_XY</c>, cubin) when NVRTC supports it, else
    /// (<c>compute_XY</c>, PTX) for the highest supported XY below the device's.</summary>
    /// <param name="device">The device.</param>
    /// <returns>The architecture option value and whether it yields PTX.</returns>
    /// <exception cref="CudaUnavailableException">NVRTC supports no architecture at or below the device's.</exception>
    public static unsafe (string Architecture, bool Ptx) Target(CudaDeviceInfo device)
    {
        int wanted = (device.ComputeMajor * 10) + device.ComputeMinor;
        int[] archs;
        try
        {
            Check(LibNvrtc.nvrtcGetNumSupportedArchs(out int count), "nvrtcGetNumSupportedArchs");
            archs = new int[count];
            fixed (int* p = archs) Check(LibNvrtc.nvrtcGetSupportedArchs(p), "nvrtcGetSupportedArchs");
        }
        catch (EntryPointNotFoundException)
        {
            return ($"sm_{wanted}", false); // NVRTC before 11.2: assume it knows the device
        }
        if (archs.Contains(wanted)) return ($"sm_{wanted}", false);
        var below = archs.Where(a => a < wanted).ToArray();
        if (below.Length == 0)
            throw new CudaUnavailableException(CudaUnavailableReason.CompileFailed,
                $"NVRTC supports sm_{archs.Min()}–sm_{archs.Max()}, nothing at or below the device's {device.Architecture}");
        return ($"compute_{below.Max()}", true);
    }

    /// <summary>
    /// The NVRTC options: the target, no fused multiply-add contraction (<c>--fmad=false</c>: the CPU has none, so the
    /// operation order and rounding of every formula stays the CPU's), IEEE division and square root and no
    /// flush-to-zero in single precision, C++17.
    /// </summary>
    /// <param name="architecture">e.g. <c>sm_90</c>.</param>
    /// <returns>The options.</returns>
    public static string[] Options(string architecture) =>
        [$"--gpu-arch={architecture}", "--fmad=false", "--prec-div=true", "--prec-sqrt=true", "--ftz=false", "--std=c++17"];

    /// <summary>Compiles the sources.</summary>
    /// <param name="sources">Kernel sources.</param>
    /// <param name="options">Options from <see cref="Options"/>.</param>
    /// <param name="ptx">True to return PTX, false for a cubin.</param>
    /// <returns>The module image.</returns>
    /// <exception cref="CudaUnavailableException">Compilation failed (the message carries the log).</exception>
    public static unsafe byte[] Compile(KernelSources sources, string[] options, bool ptx)
    {
        CudaLibraries.EnsureNvrtc();
        var allocated = new List<IntPtr>();
        IntPtr Utf8(string s)
        {
            IntPtr p = Marshal.StringToCoTaskMemUTF8(s);
            allocated.Add(p);
            return p;
        }
        IntPtr program = IntPtr.Zero;
        try
        {
            int h = sources.Files.Count;
            var headers = new IntPtr[h];
            var names = new IntPtr[h];
            for (int i = 0; i < h; i++)
            {
                headers[i] = Utf8(sources.Files[i].Value);
                names[i] = Utf8(sources.Files[i].Key);
            }
            var opts = options.Select(Utf8).ToArray();
            IntPtr main = Utf8(sources.Main), mainName = Utf8(KernelSources.MainName);
            fixed (IntPtr* ph = headers, pn = names, po = opts)
            {
                Check(LibNvrtc.nvrtcCreateProgram(out program, (byte*)main, (byte*)mainName, h, (byte**)ph, (byte**)pn), "nvrtcCreateProgram");
                int status = LibNvrtc.nvrtcCompileProgram(program, opts.Length, (byte**)po);
                if (status != 0)
                    throw new CudaUnavailableException(CudaUnavailableReason.CompileFailed,
                        $"NVRTC could not compile the kernels ({ErrorString(status)}; options {string.Join(' ', options)}):\n{Log(program)}");
            }
            nuint size;
            byte[] image;
            if (ptx)
            {
                Check(LibNvrtc.nvrtcGetPTXSize(program, out size), "nvrtcGetPTXSize");
                image = new byte[(int)size];
                fixed (byte* p = image) Check(LibNvrtc.nvrtcGetPTX(program, p), "nvrtcGetPTX");
                int end = Array.IndexOf(image, (byte)0);
                return end < 0 ? image : image[..end];
            }
            Check(LibNvrtc.nvrtcGetCUBINSize(program, out size), "nvrtcGetCUBINSize");
            image = new byte[(int)size];
            fixed (byte* p = image) Check(LibNvrtc.nvrtcGetCUBIN(program, p), "nvrtcGetCUBIN");
            return image;
        }
        finally
        {
            if (program != IntPtr.Zero) LibNvrtc.nvrtcDestroyProgram(ref program);
            foreach (var p in allocated) Marshal.FreeCoTaskMem(p);
        }
    }

    /// <summary>"nvrtc MAJOR.MINOR".</summary>
    /// <returns>The compiler identity used in the cache key.</returns>
    public static string Identity()
    {
        var (major, minor) = Version();
        return string.Create(CultureInfo.InvariantCulture, $"nvrtc {major}.{minor}");
    }

    private static unsafe string Log(IntPtr program)
    {
        if (LibNvrtc.nvrtcGetProgramLogSize(program, out nuint size) != 0 || size == 0) return "(no log)";
        var log = new byte[(int)size];
        fixed (byte* p = log) if (LibNvrtc.nvrtcGetProgramLog(program, p) != 0) return "(no log)";
        return Encoding.UTF8.GetString(log).TrimEnd('\0', '\n');
    }

    private static string ErrorString(int status) => Marshal.PtrToStringUTF8(LibNvrtc.nvrtcGetErrorString(status)) ?? $"nvrtcResult {status}";

    private static void Check(int status, string call)
    {
        if (status != 0) throw new CudaException(call, status, ErrorString(status), "NVRTC");
    }
}
