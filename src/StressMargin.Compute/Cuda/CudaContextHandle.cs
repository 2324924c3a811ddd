using System.Runtime.InteropServices;
using StressMargin.Compute.Cuda.Native;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// A retained primary context of one device (<c>cuDevicePrimaryCtxRetain</c>; released with
/// <c>cuDevicePrimaryCtxRelease_v2</c>). Work is done with the context pushed on the calling thread
/// (<see cref="Enter"/>), so any thread may use it and nothing is left current afterwards.
/// </summary>
internal sealed class CudaContextHandle : SafeHandle
{
    private readonly int _device;

    private CudaContextHandle(IntPtr context, int device) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(context);
        _device = device;
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Retains the primary context of device <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">Device ordinal.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="CudaException">A driver call failed.</exception>
    public static CudaContextHandle Retain(int ordinal)
    {
        CudaDriver.Check(LibCuda.cuDeviceGet(out int device, ordinal), "cuDeviceGet");
        CudaDriver.Check(LibCuda.cuDevicePrimaryCtxRetain(out IntPtr context, device), "cuDevicePrimaryCtxRetain");
        return new CudaContextHandle(context, device);
    }

    /// <summary>Makes the context current on this thread until the returned scope is disposed.</summary>
    /// <returns>The scope.</returns>
    public Scope Enter()
    {
        bool added = false;
        DangerousAddRef(ref added);
        int status = LibCuda.cuCtxPushCurrent(handle);
        if (status != 0)
        {
            DangerousRelease();
            throw CudaDriver.Error(status, "cuCtxPushCurrent_v2");
        }
        return new Scope(this);
    }

    /// <summary>
    /// Runs a release-time call (free, unload) with the context current, for an owner that holds a reference taken
    /// with <see cref="SafeHandle.DangerousAddRef"/>: unlike <see cref="Enter"/> it works after the handle was
    /// disposed, since the owner's reference keeps the context alive. Returns the call's status (never throws).
    /// </summary>
    /// <param name="call">The driver call.</param>
    /// <returns>Its CUresult, or the push's when the context could not be made current.</returns>
    internal int ReleaseWith(Func<int> call)
    {
        int status = LibCuda.cuCtxPushCurrent(handle);
        if (status != 0) return status;
        status = call();
        LibCuda.cuCtxPopCurrent(out _);
        return status;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibCuda.cuDevicePrimaryCtxRelease(_device) == 0;

    /// <summary>Pops the context pushed by <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CudaContextHandle _owner;

        internal Scope(CudaContextHandle owner) => _owner = owner;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_owner is null) return;
            LibCuda.cuCtxPopCurrent(out _);
            _owner.DangerousRelease();
        }
    }
}
