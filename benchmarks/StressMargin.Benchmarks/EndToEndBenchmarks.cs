using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;

namespace StressMargin.Benchmarks;

/// <summary>
/// The sample scenario (305 accounts, 891 positions, 216 instruments, Student-t, 2-day MPoR) end to end on the CPU
/// backend with every core: read and validate the inputs, simulate, revalue, reduce, attribute. Writing the three
/// output files is excluded (it depends on the disk).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class EndToEndBenchmarks
{
    [Params(100_000)]
    public int Paths { get; set; }

    [Benchmark(Description = "sample scenario: load + simulate + revalue + ES + attribution")]
    public int LoadAndRun()
    {
        var input = ScenarioLoader.Load(SampleScenario.Path, new RunOverrides(Paths: Paths));
        return MarginJob.Run(input, new CpuBackend()).Accounts.Count;
    }
}
