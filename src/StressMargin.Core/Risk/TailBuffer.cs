using System.Runtime.CompilerServices;

namespace StressMargin.Core.Risk;

/// <summary>
/// One buffer of the streaming tail (<see cref="TailAccumulator"/>): the candidates of a stream of paths, in
/// increasing path order, that can still be among its <see cref="Target"/> best-ranked, with a threshold that only rises.
/// A loss is appended when it is above the threshold; when the buffer is full it is cut back to at least its target
/// (<see cref="TailRanking.Prune"/>), which raises the threshold.
/// <para>A buffer that is empty can be <em>seeded</em> from a segment of losses before they are offered: τ̂ is read from
/// every 8th loss of the segment, low enough that at least <see cref="Target"/> of them are ≥ τ̂ with overwhelming
/// probability, and the threshold starts just below τ̂ instead of at −∞, so that most of the segment is skipped by the
/// vector comparison of the scan. Whether the segment did hold <see cref="Target"/> losses ≥ τ̂ is checked after the
/// scan (<see cref="SeedHeld"/>); when it did not (rare), the caller empties the buffer and offers the segment again
/// unseeded. Any later loss of the stream below τ̂ then ranks below <see cref="Target"/> kept ones, so the buffer still
/// holds its best-ranked set exactly.</para>
/// Not thread-safe.
/// </summary>
internal sealed class TailBuffer
{
    private const int SeedStride = 8;
    [ThreadStatic] private static double[]? t_samples;

    private readonly TailCandidate[] _items;
    private int _appendedSinceSeed;
    private bool _seeded;

    /// <summary>A buffer of the given capacity (at least twice the largest target it will have).</summary>
    /// <param name="capacity">Candidates it holds before a cut.</param>
    public TailBuffer(int capacity) => _items = new TailCandidate[capacity];

    /// <summary>How many best-ranked candidates the buffer must keep.</summary>
    public int Target { get; private set; }

    /// <summary>Candidates held.</summary>
    public int Count { get; private set; }

    /// <summary>A loss not above it cannot enter (USD); −∞ for an empty, unseeded buffer, +∞ for a closed one.</summary>
    public double Threshold { get; private set; } = double.NegativeInfinity;

    /// <summary>The candidates held, unordered.</summary>
    public Span<TailCandidate> Items => _items.AsSpan(0, Count);

    /// <summary>Empties the buffer for a new stream.</summary>
    /// <param name="target">Best-ranked candidates to keep; 0 closes the buffer (nothing enters).</param>
    public void Reset(int target)
    {
        Target = target;
        Count = 0;
        _seeded = false;
        Threshold = target == 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>Seeds an empty buffer's threshold from a segment of losses about to be offered (see the type's remarks);
    /// does nothing when the buffer holds candidates or the segment is too short for a useful estimate.</summary>
    /// <param name="losses">The segment's losses (USD); only read.</param>
    public void Seed(ReadOnlySpan<double> losses)
    {
        if (Count != 0 || Target == 0) return;
        int samples = losses.Length / SeedStride;
        int perSample = Target / SeedStride;
        int rank = perSample + 3 * (int)Math.Ceiling(Math.Sqrt(perSample)) + 2;
        // Worth it when the seed skips at least half of the segment.
        if (samples < 2 * (rank + 1)) return;
        if (t_samples is null || t_samples.Length < samples) t_samples = new double[Math.Max(samples, 1024)];
        var values = t_samples.AsSpan(0, samples);
        for (int i = 0; i < samples; i++)
        {
            double v = losses[i * SeedStride];
            if (!double.IsFinite(v)) return; // the scan reports it with its path
            values[i] = v;
        }
        SeedAt(TailRanking.SelectValue(values, samples - 1 - rank));
    }

    /// <summary>Seeds an empty buffer with a given τ̂ (e.g. the seed of the previous batch, whose losses have the same
    /// distribution), checked by <see cref="SeedHeld"/> like a sampled one.</summary>
    /// <param name="tau">τ̂, USD, finite.</param>
    public void SeedAt(double tau)
    {
        if (Count != 0 || Target == 0) return;
        Seeded = tau;
        Threshold = Math.BitDecrement(tau); // loss > Threshold ⇔ loss ≥ τ̂
        _seeded = true;
        _appendedSinceSeed = 0;
    }

    /// <summary>The τ̂ of the last seed (USD); NaN before any.</summary>
    public double Seeded { get; private set; } = double.NaN;

    /// <summary>Whether the seed, if any, was safe: the seeded segment held at least <see cref="Target"/> losses ≥ τ̂.
    /// Call after the segment is offered; clears the seed.</summary>
    /// <returns>False when the buffer must be emptied and the segment offered again.</returns>
    public bool SeedHeld()
    {
        bool held = !_seeded || _appendedSinceSeed >= Target;
        _seeded = false;
        return held;
    }

    /// <summary>Offers a finite loss of the next path (call only when <paramref name="loss"/> &gt; <see cref="Threshold"/>).</summary>
    /// <param name="loss">Loss, USD, finite.</param>
    /// <param name="path">Its path (above every path offered before).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(double loss, int path)
    {
        if (Count == _items.Length && !(loss > Cut())) return;
        _items[Count++] = new TailCandidate(loss, path);
        _appendedSinceSeed++;
    }

    /// <summary>Cuts a full buffer back to at least its target; returns the new threshold.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Cut()
    {
        // A buffer less than twice its target gains nothing from Prune's estimate (it could not drop a quarter).
        if (_items.Length >= 2 * Target)
        {
            Threshold = TailRanking.Prune(_items, Target, out int kept);
            Count = kept;
        }
        else
        {
            Threshold = TailRanking.SelectBest(_items, Target).Loss;
            Count = Target;
        }
        return Threshold;
    }

    /// <summary>The buffer's array after <see cref="Trim"/>: its first <see cref="Count"/> entries are the kept candidates.
    /// For a consumer that takes the array over; the buffer must not be used after.</summary>
    public TailCandidate[] Storage => _items;

    /// <summary>Cuts the buffer to exactly its best-ranked <see cref="Target"/> (or all, when it holds fewer).</summary>
    /// <returns>The kept candidates, unordered.</returns>
    public Span<TailCandidate> Trim()
    {
        int keep = Math.Min(Count, Target);
        if (Count > keep) TailRanking.SelectBest(_items.AsSpan(0, Count), keep);
        Count = keep;
        return Items;
    }
}
