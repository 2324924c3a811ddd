using System.Runtime.InteropServices;
using System.Text;
using StressMargin.Compute.Cuda.Native;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// The CUDA driver API behind one check: loads the library, calls <c>cuInit</c> once per process, and turns every
/// non-zero CUresult into a <see cref="CudaException"/> naming the call and the error.
/// </summary>
internal static class CudaDriver
{
    private static readonly Lazy<Exception?> InitFailure = new(Initialize);

    /// <summary>Loads the driver and initializes it.</summary>
    /// <exception cref="CudaUnavailableException">No driver library, or <c>cuInit</c> failed (no device, driver too old…).</exception>
    public static void EnsureInitialized()
    {
        if (InitFailure.Value is { } e) throw e is CudaUnavailableException u
            ? new CudaUnavailableException(u.Reason, u.Message, u.InnerException)
            : new CudaUnavailableException(CudaUnavailableReason.DeviceFailed, e.Message, e);
    }

    /// <summary>Driver API version, e.g. 12040 for CUDA 12.4.</summary>
    public static int Version()
    {
        Check(LibCuda.cuDriverGetVersion(out int v), "cuDriverGetVersion");
        return v;
    }

    /// <summary>Number of CUDA devices.</summary>
    public static int DeviceCount()
    {
        Check(LibCuda.cuDeviceGetCount(out int n), "cuDeviceGetCount");
        return n;
    }

    /// <summary>Throws <see cref="CudaException"/> unless <paramref name="status"/> is CUDA_SUCCESS.</summary>
    /// <param name="status">A CUresult.</param>
    /// <param name="call">The function that returned it.</param>
    public static void Check(int status, string call)
    {
        if (status != 0) throw Error(status, call);
    }

    /// <summary>The exception for a failed call, with the driver's name and description of the error.</summary>
    /// <param name="status">A CUresult.</param>
    /// <param name="call">The function.</param>
    /// <returns>The exception.</returns>
    public static CudaException Error(int status, string call)
    {
        string name = $"CUresult {status}", text = "no description";
        if (LibCuda.cuGetErrorName(status, out IntPtr n) == 0 && n != IntPtr.Zero) name = Marshal.PtrToStringUTF8(n) ?? name;
        if (LibCuda.cuGetErrorString(status, out IntPtr t) == 0 && t != IntPtr.Zero) text = Marshal.PtrToStringUTF8(t) ?? text;
        return new CudaException(call, status, name, text);
    }

    /// <summary>A device's name, compute capability, multiprocessor count and memory.</summary>
    /// <param name="ordinal">Device ordinal.</param>
    /// <returns>The description (driver and NVRTC versions filled in by the caller).</returns>
    public static unsafe CudaDeviceInfo Describe(int ordinal)
    {
        Check(LibCuda.cuDeviceGet(out int device, ordinal), "cuDeviceGet");
        var name = new byte[256];
        fixed (byte* p = name) Check(LibCuda.cuDeviceGetName(p, name.Length, device), "cuDeviceGetName");
        int length = Array.IndexOf(name, (byte)0);
        Check(LibCuda.cuDeviceGetAttribute(out int major, LibCuda.AttributeComputeCapabilityMajor, device), "cuDeviceGetAttribute");
        Check(LibCuda.cuDeviceGetAttribute(out int minor, LibCuda.AttributeComputeCapabilityMinor, device), "cuDeviceGetAttribute");
        Check(LibCuda.cuDeviceGetAttribute(out int sms, LibCuda.AttributeMultiprocessorCount, device), "cuDeviceGetAttribute");
        Check(LibCuda.cuDeviceTotalMem(out nuint bytes, device), "cuDeviceTotalMem_v2");
        return new CudaDeviceInfo(ordinal, Encoding.UTF8.GetString(name, 0, length < 0 ? name.Length : length), major, minor, sms, (long)bytes);
    }

    private static Exception? Initialize()
    {
        try
        {
            CudaLibraries.EnsureDriver();
            int status = LibCuda.cuInit(0);
            if (status == LibCuda.ErrorNoDevice)
                return new CudaUnavailableException(CudaUnavailableReason.NoDevice, $"no CUDA device ({Error(status, "cuInit").Message})");
            if (status != 0)
                return new CudaUnavailableException(CudaUnavailableReason.DeviceFailed, Error(status, "cuInit").Message);
            return null;
        }
        catch (CudaUnavailableException e)
        {
            return e;
        }
        catch (EntryPointNotFoundException e)
        {
            return new CudaUnavailableException(CudaUnavailableReason.DriverNotFound, $"the CUDA driver library lacks a required function ({e.Message})", e);
        }
    }
}
