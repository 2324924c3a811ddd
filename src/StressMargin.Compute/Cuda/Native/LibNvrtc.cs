using System.Runtime.InteropServices;

namespace StressMargin.Compute.Cuda.Native;

/// <summary>
/// The NVRTC functions the backend uses (nvrtc.h). Every function returns an nvrtcResult (0 = NVRTC_SUCCESS);
/// callers check it with <see cref="Nvrtc"/>'s helper. Strings are UTF-8, arrays of strings are arrays of pointers.
/// <c>nvrtcGetCUBIN*</c> exist from CUDA 11.1, <c>nvrtcGetSupportedArchs</c> from 11.2; their absence from an older
/// library shows up as <see cref="EntryPointNotFoundException"/>. Call <see cref="CudaLibraries.EnsureNvrtc"/> first.
/// </summary>
internal static unsafe partial class LibNvrtc
{
    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcVersion(out int major, out int minor);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial IntPtr nvrtcGetErrorString(int result);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetNumSupportedArchs(out int count);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetSupportedArchs(int* archs);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcCreateProgram(out IntPtr program, byte* source, byte* name, int headerCount, byte** headers, byte** includeNames);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcDestroyProgram(ref IntPtr program);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcCompileProgram(IntPtr program, int optionCount, byte** options);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetProgramLogSize(IntPtr program, out nuint size);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetProgramLog(IntPtr program, byte* log);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetCUBINSize(IntPtr program, out nuint size);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetCUBIN(IntPtr program, byte* cubin);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetPTXSize(IntPtr program, out nuint size);

    [LibraryImport(CudaLibraries.Nvrtc)]
    internal static partial int nvrtcGetPTX(IntPtr program, byte* ptx);
}
