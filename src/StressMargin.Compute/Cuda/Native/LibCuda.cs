using System.Runtime.InteropServices;

namespace StressMargin.Compute.Cuda.Native;

/// <summary>
/// The CUDA driver API functions the backend uses (cuda.h; the <c>_v2</c> entry points are the 64-bit
/// size/pointer versions current since CUDA 4.0). Every function returns a CUresult (0 = CUDA_SUCCESS); callers check
/// it with <see cref="CudaDriver.Check"/>. CUdevice is an int, CUdeviceptr a 64-bit unsigned integer, and contexts,
/// modules, functions and streams are opaque pointers. Call <see cref="CudaLibraries.EnsureDriver"/> first.
/// </summary>
internal static unsafe partial class LibCuda
{
    /// <summary>CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK.</summary>
    public const int AttributeMaxThreadsPerBlock = 1;
    /// <summary>CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y.</summary>
    public const int AttributeMaxGridDimY = 6;
    /// <summary>CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT.</summary>
    public const int AttributeMultiprocessorCount = 16;
    /// <summary>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR.</summary>
    public const int AttributeComputeCapabilityMajor = 75;
    /// <summary>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR.</summary>
    public const int AttributeComputeCapabilityMinor = 76;
    /// <summary>CUDA_ERROR_NO_DEVICE.</summary>
    public const int ErrorNoDevice = 100;

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuInit(uint flags);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDriverGetVersion(out int version);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDeviceGetCount(out int count);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDeviceGet(out int device, int ordinal);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDeviceGetName(byte* name, int length, int device);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDeviceGetAttribute(out int value, int attribute, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceTotalMem_v2")]
    internal static partial int cuDeviceTotalMem(out nuint bytes, int device);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuDevicePrimaryCtxRetain(out IntPtr context, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    internal static partial int cuDevicePrimaryCtxRelease(int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuCtxPushCurrent_v2")]
    internal static partial int cuCtxPushCurrent(IntPtr context);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuCtxPopCurrent_v2")]
    internal static partial int cuCtxPopCurrent(out IntPtr context);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuCtxSynchronize();

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemGetInfo_v2")]
    internal static partial int cuMemGetInfo(out nuint free, out nuint total);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemAlloc_v2")]
    internal static partial int cuMemAlloc(out ulong pointer, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemFree_v2")]
    internal static partial int cuMemFree(ulong pointer);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemcpyHtoD_v2")]
    internal static partial int cuMemcpyHtoD(ulong destination, void* source, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemcpyDtoH_v2")]
    internal static partial int cuMemcpyDtoH(void* destination, ulong source, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemsetD8_v2")]
    internal static partial int cuMemsetD8(ulong destination, byte value, nuint count);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuModuleLoadData(out IntPtr module, byte* image);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuModuleUnload(IntPtr module);

    [LibraryImport(CudaLibraries.Driver, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int cuModuleGetFunction(out IntPtr function, IntPtr module, string name);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuLaunchKernel(IntPtr function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedMemoryBytes, IntPtr stream, void** kernelParams, void** extra);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuGetErrorName(int error, out IntPtr name);

    [LibraryImport(CudaLibraries.Driver)]
    internal static partial int cuGetErrorString(int error, out IntPtr description);
}
