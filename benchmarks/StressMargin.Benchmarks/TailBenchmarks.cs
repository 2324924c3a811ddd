using BenchmarkDotNet.Attributes;
using StressMargin.Core.Risk;

namespace StressMargin.Benchmarks;

/// <summary>VaR, ES and batch-means standard error of one account's 100,000 losses at α = 0.99 (the streaming tail: TailAccumulator, then the merge and reduction of TailPartial).</summary>
[MemoryDiagnoser]
public class TailBenchmarks
{
    private double[] _losses = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _losses = Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble() * rng.NextDouble() - 0.3).ToArray();
    }

    [Benchmark(Description = "tail estimate, n = 100,000, α = 0.99")]
    public double Estimate() => TailEstimator.Estimate(_losses, 0.99, 0.99).ExpectedShortfall;
}
