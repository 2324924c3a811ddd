using ILGPU;
using StressMargin.Core.Numerics;

namespace StressMargin.Kernels;

/// <summary>An ILGPU <see cref="ArrayView{T}"/> as the <see cref="IDeviceArray{T}"/> that the shared device math reads and
/// writes (the GPU counterpart of <see cref="HostArray{T}"/>).</summary>
/// <typeparam name="T">Element type.</typeparam>
/// <param name="view">The view (not copied).</param>
public readonly struct DeviceArray<T>(ArrayView<T> view) : IDeviceArray<T> where T : unmanaged
{
    /// <summary>The underlying view.</summary>
    public ArrayView<T> View => view;

    /// <inheritdoc/>
    public T this[int index]
    {
        get => view[index];
        set => view[index] = value;
    }
}
