using System.Runtime.InteropServices;

namespace StressMargin.Core.Risk;

/// <summary>One path's loss kept as a candidate for an account's tail (12 bytes, packed).</summary>
/// <param name="Loss">Loss on the path (USD, positive = a loss), finite.</param>
/// <param name="Path">Path index.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct TailCandidate(double Loss, int Path)
{
    /// <summary>Whether this candidate ranks before <paramref name="other"/>: a larger loss, or an equal loss on a lower
    /// path (the tie rule of docs/model.md §8).</summary>
    /// <param name="other">Another candidate.</param>
    /// <returns>True when this one ranks first.</returns>
    public bool RanksBefore(TailCandidate other) => Loss > other.Loss || (Loss == other.Loss && Path < other.Path);
}
