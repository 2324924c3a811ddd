using System.Diagnostics;
using BenchmarkDotNet.Running;
using StressMargin.Benchmarks;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;

// `dotnet run -c Release --project benchmarks/StressMargin.Benchmarks -- quick` prints the headline figures in a few
// seconds (warm, median of repeated runs); any other arguments go to BenchmarkDotNet (e.g. `--filter '*'`).
if (args.Length > 0 && args[0] == "quick")
{
    Quick();
    return;
}
// `-- serve [PATHS] [REQUESTS] [THREADS]`: latency of the margin service (benchmarks/README.md).
if (args.Length > 0 && args[0] == "serve")
{
    int At(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    ServeLatency.Run(At(1, 100_000), At(2, 1_000), args.Length > 3 ? At(3, 0) : null);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RevaluationBenchmarks).Assembly).Run(args);

static void Quick()
{
    Console.WriteLine($"machine: {new CpuBackend().Device}, .NET {Environment.Version}");
    foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
    {
        var bench = new RevaluationBenchmarks { Threads = threads };
        bench.Setup();
        for (int i = 0; i < 5; i++) bench.RevalueOptions();
        double seconds = Median(15, bench.RevalueOptions);
        Console.WriteLine($"Black-76 revaluations, {threads} thread(s): {bench.RevaluationsPerOperation / seconds / 1e6:F1} M/s");
    }
    foreach (int paths in new[] { 100_000 })
    {
        var e2e = new EndToEndBenchmarks { Paths = paths };
        e2e.LoadAndRun();
        Console.WriteLine($"sample scenario end to end at {paths:N0} paths (without writing files): {Median(5, () => e2e.LoadAndRun()):F2} s");
    }
    var tail = new TailBenchmarks();
    tail.Setup();
    for (int i = 0; i < 20; i++) tail.Estimate();
    Console.WriteLine($"tail estimate per account (n = 100,000): {Median(50, () => tail.Estimate()) * 1e3:F3} ms");
}

static double Median(int runs, Action action)
{
    var times = new double[runs];
    for (int r = 0; r < runs; r++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times[r] = sw.Elapsed.TotalSeconds;
    }
    Array.Sort(times);
    return times[runs / 2];
}
