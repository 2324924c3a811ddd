using System.Runtime.InteropServices;
using StressMargin.Compute.Cuda.Native;

namespace StressMargin.Compute.Cuda;

/// <summary>A loaded CUDA module (cubin or PTX, <c>cuModuleLoadData</c>; unloaded with <c>cuModuleUnload</c> in its
/// context, which it keeps alive).</summary>
internal sealed class CudaModuleHandle : SafeHandle
{
    private readonly CudaContextHandle _context;
    private readonly Dictionary<string, IntPtr> _functions = new(StringComparer.Ordinal);

    private CudaModuleHandle(CudaContextHandle context, IntPtr module) : base(IntPtr.Zero, ownsHandle: true)
    {
        bool added = false;
        context.DangerousAddRef(ref added);
        _context = context;
        SetHandle(module);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Loads a module image into the context.</summary>
    /// <param name="context">The context.</param>
    /// <param name="image">A cubin, or PTX text (a terminating NUL is added).</param>
    /// <param name="isPtx">True for PTX.</param>
    /// <returns>The module.</returns>
    /// <exception cref="CudaException">The driver rejected the image.</exception>
    public static unsafe CudaModuleHandle Load(CudaContextHandle context, byte[] image, bool isPtx)
    {
        byte[] data = isPtx ? [.. image, 0] : image;
        using var scope = context.Enter();
        IntPtr module;
        fixed (byte* p = data) CudaDriver.Check(LibCuda.cuModuleLoadData(out module, p), "cuModuleLoadData");
        return new CudaModuleHandle(context, module);
    }

    /// <summary>A kernel of the module by its (extern "C") name; looked up once. Call with the context current.</summary>
    /// <param name="name">Kernel name.</param>
    /// <returns>The CUfunction.</returns>
    public IntPtr Function(string name)
    {
        lock (_functions)
        {
            if (_functions.TryGetValue(name, out IntPtr f)) return f;
            CudaDriver.Check(LibCuda.cuModuleGetFunction(out f, handle, name), $"cuModuleGetFunction({name})");
            _functions[name] = f;
            return f;
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        IntPtr module = handle;
        bool ok = _context.ReleaseWith(() => LibCuda.cuModuleUnload(module)) == 0;
        _context.DangerousRelease();
        return ok;
    }
}
