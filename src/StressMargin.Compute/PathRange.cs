namespace StressMargin.Compute;

/// <summary>A contiguous range of path indices [First, End). Philox is keyed by (seed, path), so any range can be
/// simulated anywhere and gives the same paths as the whole run.</summary>
/// <param name="First">First path index.</param>
/// <param name="End">End (exclusive).</param>
public readonly record struct PathRange(int First, int End)
{
    /// <summary>Number of paths.</summary>
    public int Count => End - First;

    /// <summary>Every path of an n-path run.</summary>
    /// <param name="pathCount">n.</param>
    /// <returns>[0, n).</returns>
    public static PathRange All(int pathCount) => new(0, pathCount);

    /// <summary>Shard i of N: [⌊i·n/N⌋, ⌊(i + 1)·n/N⌋).</summary>
    /// <param name="index">i in [0, N).</param>
    /// <param name="count">N ≥ 1, at most n.</param>
    /// <param name="pathCount">n.</param>
    /// <returns>The shard's range (never empty).</returns>
    /// <exception cref="ArgumentOutOfRangeException">i outside [0, N), or N outside [1, n].</exception>
    public static PathRange Shard(int index, int count, int pathCount)
    {
        if (count < 1 || count > pathCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"shard count must lie in [1, {pathCount}] (the number of paths)");
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), index, $"shard index must lie in [0, {count})");
        return new((int)((long)index * pathCount / count), (int)((long)(index + 1) * pathCount / count));
    }
}
