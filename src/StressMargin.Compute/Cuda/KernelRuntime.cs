namespace StressMargin.Compute.Cuda;

/// <summary>Launch dimensions (CUDA dim3).</summary>
/// <param name="X">x extent.</param>
/// <param name="Y">y extent.</param>
/// <param name="Z">z extent.</param>
internal readonly record struct Dim3(uint X, uint Y = 1, uint Z = 1);

/// <summary>
/// What <see cref="GpuPipeline"/> needs from a device: memory, copies, and launches of the kernels of
/// <c>kernels/*.cu</c> by name with their single by-value argument struct. The CUDA implementation is
/// <see cref="CudaKernelRuntime"/>; the tests implement it with the same kernels compiled for the host, so the
/// pipeline's chunking, indexing and reductions are checked without a GPU. Tracks allocated and peak bytes.
/// </summary>
internal abstract class KernelRuntime : IDisposable
{
    private long _allocated;
    private long _peak;

    /// <summary>Bytes of device memory currently allocated through this runtime.</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocated);

    /// <summary>Largest <see cref="AllocatedBytes"/> seen.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>Device memory the runtime may still allocate (free memory as the device reports it).</summary>
    public abstract long AvailableBytes { get; }

    /// <summary>Most threads per block.</summary>
    public abstract int MaxThreadsPerBlock { get; }

    /// <summary>Largest grid y extent (the kernels loop over y beyond it).</summary>
    public virtual uint MaxGridY => 65535;

    /// <summary>Allocates device memory (contents undefined).</summary>
    /// <param name="bytes">Size; at least 8 bytes are allocated.</param>
    /// <returns>The buffer; dispose it to free the memory.</returns>
    public DeviceBuffer Allocate(long bytes)
    {
        bytes = Math.Max(8, bytes);
        ulong address = AllocateCore(bytes);
        long now = Interlocked.Add(ref _allocated, bytes);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak) { }
        return new DeviceBuffer(this, address, bytes);
    }

    /// <summary>Allocates a buffer and copies <paramref name="data"/> into it.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="data">Contents.</param>
    /// <returns>The buffer.</returns>
    public unsafe DeviceBuffer Upload<T>(ReadOnlySpan<T> data) where T : unmanaged
    {
        var buffer = Allocate((long)data.Length * sizeof(T));
        Write(buffer, 0, data);
        return buffer;
    }

    /// <summary>Copies host data into a buffer starting at element <paramref name="offset"/>.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="destination">Buffer.</param>
    /// <param name="offset">First element written.</param>
    /// <param name="data">Data.</param>
    public unsafe void Write<T>(DeviceBuffer destination, long offset, ReadOnlySpan<T> data) where T : unmanaged
    {
        long bytes = (long)data.Length * sizeof(T);
        if (bytes == 0) return;
        if (offset < 0 || (offset * sizeof(T)) + bytes > destination.Bytes) throw new ArgumentOutOfRangeException(nameof(offset), "copy beyond the end of the device buffer");
        fixed (T* p = data) CopyToDevice(destination.At<T>(offset), (IntPtr)p, bytes);
    }

    /// <summary>Copies elements of a buffer starting at <paramref name="offset"/> into host memory.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="source">Buffer.</param>
    /// <param name="offset">First element read.</param>
    /// <param name="destination">Host memory, filled completely.</param>
    public unsafe void Read<T>(DeviceBuffer source, long offset, Span<T> destination) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T);
        if (bytes == 0) return;
        if (offset < 0 || (offset * sizeof(T)) + bytes > source.Bytes) throw new ArgumentOutOfRangeException(nameof(offset), "copy beyond the end of the device buffer");
        fixed (T* p = destination) CopyToHost((IntPtr)p, source.At<T>(offset), bytes);
    }

    /// <summary>Sets every byte of a buffer to zero.</summary>
    /// <param name="buffer">Buffer.</param>
    public void Zero(DeviceBuffer buffer) => ZeroCore(buffer.Address, buffer.Bytes);

    /// <summary>Launches kernel <paramref name="kernel"/> with <paramref name="args"/> as its only parameter.</summary>
    /// <typeparam name="TArgs">The kernel's argument struct (KernelArgs.cs).</typeparam>
    /// <param name="kernel">Kernel name (extern "C").</param>
    /// <param name="grid">Grid dimensions.</param>
    /// <param name="block">Block dimensions.</param>
    /// <param name="args">Arguments.</param>
    public unsafe void Launch<TArgs>(string kernel, Dim3 grid, Dim3 block, in TArgs args) where TArgs : unmanaged
    {
        if (grid.X == 0 || grid.Y == 0 || grid.Z == 0) return; // nothing to do
        TArgs copy = args;
        void* parameter = &copy;
        LaunchCore(kernel, grid, block, (IntPtr)(&parameter));
    }

    /// <summary>Waits for every launched kernel and copy to finish; reports asynchronous launch errors.</summary>
    public abstract void Synchronize();

    /// <summary>Allocates <paramref name="bytes"/> of device memory.</summary>
    /// <param name="bytes">Size.</param>
    /// <returns>The device address.</returns>
    protected abstract ulong AllocateCore(long bytes);

    /// <summary>Frees memory returned by <see cref="AllocateCore"/>.</summary>
    /// <param name="address">Device address.</param>
    /// <returns>True on success.</returns>
    protected abstract bool FreeCore(ulong address);

    /// <summary>Host to device copy.</summary>
    /// <param name="destination">Device address.</param>
    /// <param name="source">Pinned host address.</param>
    /// <param name="bytes">Size.</param>
    protected abstract void CopyToDevice(ulong destination, IntPtr source, long bytes);

    /// <summary>Device to host copy (synchronous).</summary>
    /// <param name="destination">Pinned host address.</param>
    /// <param name="source">Device address.</param>
    /// <param name="bytes">Size.</param>
    protected abstract void CopyToHost(IntPtr destination, ulong source, long bytes);

    /// <summary>Zeroes device memory.</summary>
    /// <param name="destination">Device address.</param>
    /// <param name="bytes">Size.</param>
    protected abstract void ZeroCore(ulong destination, long bytes);

    /// <summary>Launches a kernel; <paramref name="parameters"/> is a <c>void**</c> with one entry pointing at the
    /// argument struct (the cuLaunchKernel convention).</summary>
    /// <param name="kernel">Kernel name.</param>
    /// <param name="grid">Grid.</param>
    /// <param name="block">Block.</param>
    /// <param name="parameters">Parameter pointer array.</param>
    protected abstract void LaunchCore(string kernel, Dim3 grid, Dim3 block, IntPtr parameters);

    /// <summary>Called by <see cref="DeviceBuffer"/> when it is released.</summary>
    /// <param name="address">Device address.</param>
    /// <param name="bytes">Its size.</param>
    /// <returns>True when freed.</returns>
    internal bool Free(ulong address, long bytes)
    {
        Interlocked.Add(ref _allocated, -bytes);
        return FreeCore(address);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the runtime's own resources (buffers are released by their handles).</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing) { }
}
