using BenchmarkDotNet.Attributes;
using StressMargin.Core.Risk;

namespace StressMargin.Benchmarks;

/// <summary>VaR, ES and batch-means standard error of one account's 100,000 losses at α = 0.99: the whole row at once
/// (<see cref="TailEstimator"/>), and streamed as the CPU backend streams it, in 5,000-path chunks that end on
/// batch boundaries, with the loss histogram (TailAccumulator, then the merge and reduction of TailPartial).</summary>
[MemoryDiagnoser]
public class TailBenchmarks
{
    private const int Paths = 100_000;
    private const int ChunkPaths = 5_000;
    private double[] _losses = [];
    private readonly TailLayout _layout = new(Paths, 0.99, 0.99);

    /// <summary>Losses of a skewed P&amp;L: the product of two uniforms, shifted (USD).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _losses = Enumerable.Range(0, Paths).Select(_ => rng.NextDouble() * rng.NextDouble() - 0.3).ToArray();
    }

    /// <summary>The whole row in one call.</summary>
    /// <returns>ES (USD).</returns>
    [Benchmark(Description = "tail estimate, n = 100,000, α = 0.99")]
    public double Estimate() => TailEstimator.Estimate(_losses, 0.99, 0.99).ExpectedShortfall;

    /// <summary>Streamed in chunks with the histogram, as in a run.</summary>
    /// <returns>ES (USD).</returns>
    [Benchmark(Description = "streamed in 5,000-path chunks, with histogram")]
    public double Streamed()
    {
        var tail = new TailAccumulator(_layout, 0, Paths, histogram: true);
        for (int start = 0; start < Paths; start += ChunkPaths) tail.Add(_losses.AsSpan(start, ChunkPaths));
        var partial = new TailPartial(_layout, 1, 0, Paths, histograms: true);
        tail.WriteTo(partial, 0);
        return TailPartial.Merge([partial]).Reduce()[0].ExpectedShortfall;
    }
}
