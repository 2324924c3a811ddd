using System.Runtime.InteropServices;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// A block of device memory owned by a <see cref="KernelRuntime"/> (for CUDA, <c>cuMemAlloc_v2</c> memory freed with
/// <c>cuMemFree_v2</c>). The handle value is the device address; <see cref="Bytes"/> its size.
/// </summary>
internal sealed class DeviceBuffer : SafeHandle
{
    private readonly KernelRuntime _owner;

    internal DeviceBuffer(KernelRuntime owner, ulong address, long bytes) : base(IntPtr.Zero, ownsHandle: true)
    {
        _owner = owner;
        Bytes = bytes;
        SetHandle((IntPtr)(long)address);
    }

    /// <summary>Device address of the first byte.</summary>
    public ulong Address => (ulong)(long)handle;

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The device address of element <paramref name="index"/> of a buffer of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="index">Element index.</param>
    /// <returns>The address.</returns>
    public unsafe ulong At<T>(long index) where T : unmanaged => Address + (ulong)(index * sizeof(T));

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => _owner.Free(Address, Bytes);
}
