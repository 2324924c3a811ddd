using BenchmarkDotNet.Attributes;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;

namespace StressMargin.Benchmarks;

/// <summary>
/// Black-76 revaluation throughput on the sample book's 200 live options (real Deribit strikes and vols, sticky
/// strike): one operation revalues every option on <see cref="Blocks"/> blocks of 512 paths, in parallel over
/// <see cref="Threads"/> threads. Revaluations per second = 200 × 512 × Blocks / mean time.
/// </summary>
[MemoryDiagnoser]
public class RevaluationBenchmarks
{
    private RevaluationPlan _plan = null!;
    private int[] _options = [];
    private BlockWorkspace[] _workspaces = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    public const int Blocks = 64;

    [GlobalSetup]
    public void Setup()
    {
        _plan = SampleScenario.Load().Plan;
        _options = Enumerable.Range(0, _plan.InstrumentCount).Where(i => _plan.Kind[i] == RevaluationKind.Option).ToArray();
        _workspaces = Enumerable.Range(0, Threads).Select(t =>
        {
            var ws = new BlockWorkspace(_plan, CpuBackend.DefaultBlockPaths);
            ws.LoadPaths(Enumerable.Range(t * 512, 512).Select(i => (long)i).ToArray());
            return ws;
        }).ToArray();
    }

    [Benchmark(Description = "Black-76 revaluations, 200 options × 512 paths × 64 blocks")]
    public void RevalueOptions()
    {
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var ws = _workspaces[t];
            for (int b = t; b < Blocks; b += Threads)
                foreach (int i in _options) ws.Revalue(i);
        });
    }

    /// <summary>Revaluations performed by one call of <see cref="RevalueOptions"/>.</summary>
    public long RevaluationsPerOperation => (long)_options.Length * CpuBackend.DefaultBlockPaths * Blocks;
}
