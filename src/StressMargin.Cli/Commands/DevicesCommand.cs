using System.CommandLine;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using StressMargin.Compute.Cpu;
using StressMargin.Gpu;


namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin devices [--output text|json]</c>: the managed CPU backend, ILGPU's CUDA devices (name, compute
/// capability, SM count, memory, driver), ILGPU's CPU accelerator, and whether NVIDIA's LibDevice was found (the GPU
/// kernels' exp and log). Always exits 0: a machine without a GPU is a valid answer.
/// </summary>
internal static class DevicesCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit)
    {
        var output = new Option<string>("--output") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var command = new Command("devices", "List the devices the run command can use (--device cpu, ilgpu-cpu, cuda:N).") { output };
        command.SetAction(r => setExit(Execute(ctx, r.GetValue(output) == "json")));
        return command;
    }

    /// <summary>Probes and prints.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="json">JSON instead of text.</param>
    /// <returns>Exit code 0.</returns>
    public static int Execute(CommandContext ctx, bool json)
    {
        var gpu = GpuDiscovery.Probe();
        string cpu = new CpuBackend().Device;
        var writer = ctx.Out.Profile.Out.Writer;
        if (json)
        {
            var doc = new
            {
                Cpu = new { Device = "cpu", Description = cpu, LogicalCores = Environment.ProcessorCount, Simd = Vector256.IsHardwareAccelerated ? "256-bit" : "emulated" },
                IlgpuCpu = new { Device = "ilgpu-cpu", Description = gpu.CpuAccelerator },
                Cuda = new
                {
                    Available = gpu.Cuda.Count > 0,
                    Problem = gpu.CudaProblem,
                    Devices = gpu.Cuda.Select(d => new { Device = $"cuda:{d.Ordinal}", d.Name, d.ComputeCapability, d.Multiprocessors, d.MemoryBytes, d.DriverVersion }),
                },
                LibDevice = new { Found = gpu.LibDevice is not null, gpu.LibDevice?.LibNvvm, gpu.LibDevice?.LibDevice, Problem = gpu.LibDeviceProblem },
            };
            writer.WriteLine(JsonSerializer.Serialize(doc, Json));
            return ExitCodes.Success;
        }
        writer.WriteLine($"cpu        {cpu}");
        writer.WriteLine($"ilgpu-cpu  {gpu.CpuAccelerator}");
        if (gpu.Cuda.Count == 0) writer.WriteLine($"cuda       not available: {gpu.CudaProblem}");
        foreach (var d in gpu.Cuda)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cuda:{d.Ordinal,-5} {d.Name}, compute capability {d.ComputeCapability ?? "unknown"}, {d.Multiprocessors} SMs, {d.MemoryBytes / (double)(1L << 30):F1} GiB, driver {d.DriverVersion}"));
        writer.WriteLine(gpu.LibDevice is { } l ? $"libdevice  {l.LibDevice} with {l.LibNvvm}" : $"libdevice  not found ({gpu.LibDeviceProblem}): CUDA kernels use the portable exp and log");
        writer.WriteLine(gpu.Cuda.Count > 0 ? "--device auto uses cuda:0" : "--device auto uses cpu");
        return ExitCodes.Success;
    }
}
