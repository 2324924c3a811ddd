using ILGPU;
using ILGPU.Runtime;

namespace StressMargin.Gpu;

/// <summary>Allocates device buffers and counts their bytes, so that a run can report the most device memory it held
/// at once. Not thread-safe (the backend allocates from one thread).</summary>
/// <param name="accelerator">The accelerator.</param>
internal sealed class DeviceMemory(Accelerator accelerator)
{
    private long _live;

    /// <summary>Most bytes held at once.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>A zeroed buffer of at least one element (ILGPU does not allocate empty buffers).</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="length">Elements.</param>
    /// <returns>The buffer; dispose it with <see cref="Free{T}"/>.</returns>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(Math.Max(1, length));
        buffer.MemSetToZero();
        _live += buffer.LengthInBytes;
        PeakBytes = Math.Max(PeakBytes, _live);
        return buffer;
    }

    /// <summary>A buffer holding a copy of <paramref name="values"/>.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="values">Host values.</param>
    /// <returns>The buffer.</returns>
    public MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] values) where T : unmanaged
    {
        var buffer = Allocate<T>(values.Length);
        if (values.Length > 0) buffer.View.SubView(0, values.Length).CopyFromCPU(values);
        return buffer;
    }

    /// <summary>Frees a buffer.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="buffer">A buffer from this allocator.</param>
    public void Free<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer) where T : unmanaged
    {
        _live -= buffer.LengthInBytes;
        buffer.Dispose();
    }
}
