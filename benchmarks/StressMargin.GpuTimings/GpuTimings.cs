using System.Diagnostics;
using System.Globalization;
using StressMargin.Compute;
using StressMargin.Engine;
using StressMargin.Gpu;

namespace StressMargin.GpuTimings;

/// <summary>
/// <c>StressMargin.GpuTimings [--device cuda|ilgpu-cpu] [--paths 100000,1000000] [--precision double,single] [--math auto|portable] [--repeat 3]</c>: the sample
/// scenario on the GPU backend in one process. Per (paths, precision): the backend is opened once (driver, ILGPU
/// compile of every kernel: <c>open</c>), then the margin job runs <c>repeat</c> times on it; run 1 is cold (first
/// launches, .NET JIT of the host code), later runs are warm. One tab-separated line per run: wall of the job, the
/// backend's stages, revaluations/s of the simulate stage (factors, revaluation, account losses).
/// </summary>
internal static class GpuTimings
{
    public static void Main(string[] args)
    {
        string device = Option(args, "--device", "cuda");
        var paths = Option(args, "--paths", "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var precisions = Option(args, "--precision", "double").Split(',');
        int repeat = int.Parse(Option(args, "--repeat", "3"), CultureInfo.InvariantCulture);
        bool portable = Option(args, "--math", "auto") == "portable";
        Console.WriteLine("device\tprecision\tmath\tpaths\trun\topen_s\tjob_s\tsimulate_s\ttail_s\tattribution_s\trevaluations\tM_revaluations_per_s\tpeak_device_MB");
        foreach (string precision in precisions)
            foreach (int n in paths)
            {
                var options = new GpuBackendOptions { Precision = precision == "single" ? GpuPrecision.Single : GpuPrecision.Double, ForcePortableMath = portable };
                var clock = Stopwatch.StartNew();
                IlgpuBackend backend;
                try
                {
                    backend = device == "ilgpu-cpu" ? IlgpuBackend.OpenCpu(options) : IlgpuBackend.OpenCuda(0, options);
                }
                catch (GpuUnavailableException e)
                {
                    Console.Error.WriteLine($"GPU backend unavailable: {e.Message}");
                    Environment.Exit(1);
                    return;
                }
                using var opened = backend;
                double open = clock.Elapsed.TotalSeconds;
                var input = ScenarioLoader.Load(SamplePath(), new RunOverrides(Paths: n));
                for (int r = 1; r <= repeat; r++)
                {
                    clock.Restart();
                    var run = MarginJob.Run(input, backend);
                    double job = clock.Elapsed.TotalSeconds;
                    var t = run.Risk.StageSeconds.ToDictionary(kv => kv.Key, kv => kv.Value);
                    double simulate = t.GetValueOrDefault("simulate");
                    Console.WriteLine(string.Join('\t', device, precision, backend.MathLibrary, n.ToString(CultureInfo.InvariantCulture), r.ToString(CultureInfo.InvariantCulture),
                        F(open), F(job), F(simulate), F(t.GetValueOrDefault("tail")), F(t.GetValueOrDefault("attribution")),
                        run.Risk.Revaluations.ToString(CultureInfo.InvariantCulture), F(run.Risk.Revaluations / Math.Max(simulate, 1e-9) / 1e6),
                        F((run.Risk.Gpu?.PeakDeviceMemoryBytes ?? 0) / 1e6)));
                }
            }
    }

    /// <summary>scenarios/deribit-20260205.yaml in the first folder above the program that has it.</summary>
    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scenarios", "deribit-20260205.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("scenarios/deribit-20260205.yaml not found above " + AppContext.BaseDirectory);
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
