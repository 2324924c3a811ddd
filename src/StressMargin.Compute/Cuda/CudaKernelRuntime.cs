using StressMargin.Compute.Cuda.Native;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// <see cref="KernelRuntime"/> on a CUDA device through the driver API: the device's primary context (pushed on
/// the calling thread for every call), the kernels' module, synchronous copies on the default stream, and
/// <c>cuLaunchKernel</c>. Launches are asynchronous; their errors surface at the next synchronizing call
/// (<see cref="Synchronize"/> or a device-to-host copy) as a <see cref="CudaException"/>.
/// </summary>
internal sealed class CudaKernelRuntime : KernelRuntime
{
    private readonly CudaContextHandle _context;
    private readonly CudaModuleHandle _module;

    /// <summary>Wraps an opened context and loaded module (the runtime takes ownership of both).</summary>
    /// <param name="context">Primary context of the device.</param>
    /// <param name="module">The kernels' module.</param>
    /// <param name="maxThreadsPerBlock">The device's limit.</param>
    public CudaKernelRuntime(CudaContextHandle context, CudaModuleHandle module, int maxThreadsPerBlock)
    {
        _context = context;
        _module = module;
        MaxThreadsPerBlock = maxThreadsPerBlock;
    }

    /// <inheritdoc/>
    public override int MaxThreadsPerBlock { get; }

    /// <inheritdoc/>
    public override long AvailableBytes
    {
        get
        {
            using var scope = _context.Enter();
            CudaDriver.Check(LibCuda.cuMemGetInfo(out nuint free, out _), "cuMemGetInfo_v2");
            return (long)free;
        }
    }

    /// <inheritdoc/>
    public override void Synchronize()
    {
        using var scope = _context.Enter();
        CudaDriver.Check(LibCuda.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /// <inheritdoc/>
    protected override ulong AllocateCore(long bytes)
    {
        using var scope = _context.Enter();
        CudaDriver.Check(LibCuda.cuMemAlloc(out ulong pointer, (nuint)bytes), "cuMemAlloc_v2");
        bool added = false;
        _context.DangerousAddRef(ref added); // each buffer keeps the context alive until it is freed
        return pointer;
    }

    /// <inheritdoc/>
    protected override bool FreeCore(ulong address)
    {
        bool ok = _context.ReleaseWith(() => LibCuda.cuMemFree(address)) == 0;
        _context.DangerousRelease();
        return ok;
    }

    /// <inheritdoc/>
    protected override unsafe void CopyToDevice(ulong destination, IntPtr source, long bytes)
    {
        using var scope = _context.Enter();
        CudaDriver.Check(LibCuda.cuMemcpyHtoD(destination, (void*)source, (nuint)bytes), "cuMemcpyHtoD_v2");
    }

    /// <inheritdoc/>
    protected override unsafe void CopyToHost(IntPtr destination, ulong source, long bytes)
    {
        using var scope = _context.Enter();
        CudaDriver.Check(LibCuda.cuMemcpyDtoH((void*)destination, source, (nuint)bytes), "cuMemcpyDtoH_v2");
    }

    /// <inheritdoc/>
    protected override void ZeroCore(ulong destination, long bytes)
    {
        using var scope = _context.Enter();
        CudaDriver.Check(LibCuda.cuMemsetD8(destination, 0, (nuint)bytes), "cuMemsetD8_v2");
    }

    /// <inheritdoc/>
    protected override unsafe void LaunchCore(string kernel, Dim3 grid, Dim3 block, IntPtr parameters)
    {
        using var scope = _context.Enter();
        IntPtr function = _module.Function(kernel);
        CudaDriver.Check(LibCuda.cuLaunchKernel(function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, 0, IntPtr.Zero, (void**)parameters, null),
            $"cuLaunchKernel({kernel})");
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _module.Dispose();
            _context.Dispose();
        }
    }
}
