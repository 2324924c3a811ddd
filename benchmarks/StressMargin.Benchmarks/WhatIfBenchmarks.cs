using BenchmarkDotNet.Attributes;
using StressMargin.Engine.Session;

namespace StressMargin.Benchmarks;

/// <summary>
/// A what-if on the warm session of the sample at 100,000 paths, in process (no HTTP): aggregate the account's ΔV rows
/// before and after, reduce both tails, the 20-batch errors, stress, add-ons and reverse stress of the new book.
/// </summary>
public class WhatIfBenchmarks
{
    private MarginSession _session = null!;
    private readonly Trade[] _trades = [new Trade("ETH-26JUN26-2600-C", 100)];

    [GlobalSetup]
    public void Setup() => _session = MarginSession.Start(SampleScenario.Load(100_000));

    [Benchmark(Description = "what-if, one account, one trade (held instrument), 100,000 paths")]
    public double WhatIf() => _session.WhatIf("directional-021", null, _trades).Delta.InitialMargin;
}
