namespace StressMargin.Core.Numerics;

/// <summary>
/// Indexed storage that device math reads and writes, so that one generic C# routine serves the managed CPU backend
/// (<see cref="HostArray{T}"/> over a .NET array) and the ILGPU kernels (a struct over an <c>ArrayView</c>): the factor
/// paths (<see cref="StressMargin.Core.RiskModel.FactorPathMath"/>) and the smile lookup
/// (<see cref="StressMargin.Core.MarketData.VolSmile.Interpolate{TArray}(TArray, TArray, int, int, double)"/>).
/// Implementations are structs (so generic code specializes per storage, with no boxing or virtual calls) and are not
/// bounds-checked beyond what the storage itself does.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public interface IDeviceArray<T> where T : unmanaged
{
    /// <summary>Element <paramref name="index"/>.</summary>
    /// <param name="index">0-based index.</param>
    T this[int index] { get; set; }
}

/// <summary>A .NET array as <see cref="IDeviceArray{T}"/> (the managed CPU backend's storage).</summary>
/// <typeparam name="T">Element type.</typeparam>
/// <param name="items">The array (not copied).</param>
public readonly struct HostArray<T>(T[] items) : IDeviceArray<T> where T : unmanaged
{
    /// <inheritdoc/>
    public T this[int index]
    {
        get => items[index];
        set => items[index] = value;
    }
}
