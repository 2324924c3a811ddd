using System.CommandLine;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using StressMargin.Compute.Cpu;
using StressMargin.Compute.Cuda;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin devices [--output text|json]</c>: the CPU and every CUDA device (name, compute capability, SM
/// count, memory) with the driver and NVRTC versions, or why CUDA is not available. Always exits 0: a machine without
/// a GPU is a valid answer.
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
        var command = new Command("devices", "List the CPU and the CUDA devices the run command can use (--device cpu, cuda:N).") { output };
        command.SetAction(r => setExit(Execute(ctx, r.GetValue(output) == "json")));
        return command;
    }

    /// <summary>Probes and prints.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="json">JSON instead of text.</param>
    /// <returns>Exit code 0.</returns>
    public static int Execute(CommandContext ctx, bool json)
    {
        var cuda = CudaDiscovery.Probe();
        string cpu = new CpuBackend().Device;
        bool available = cuda.Devices.Count > 0 && cuda.NvrtcVersion is not null;
        if (json)
        {
            var doc = new
            {
                Cpu = new { Device = "cpu", Description = cpu, LogicalCores = Environment.ProcessorCount, Simd = Vector256.IsHardwareAccelerated ? "256-bit" : "emulated" },
                Cuda = new
                {
                    Available = available,
                    cuda.DriverVersion,
                    cuda.NvrtcVersion,
                    Problem = cuda.DriverProblem,
                    cuda.NvrtcProblem,
                    Devices = cuda.Devices.Select(d => new
                    {
                        Device = $"cuda:{d.Ordinal}",
                        d.Name,
                        ComputeCapability = FormattableString.Invariant($"{d.ComputeMajor}.{d.ComputeMinor}"),
                        d.Architecture,
                        d.Multiprocessors,
                        MemoryBytes = d.TotalMemoryBytes,
                    }),
                },
            };
            ctx.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(doc, Json));
            return ExitCodes.Success;
        }
        ctx.Out.Profile.Out.Writer.WriteLine($"cpu      {cpu}");
        if (cuda.DriverVersion is null)
        {
            ctx.Out.Profile.Out.Writer.WriteLine($"cuda     not available: {cuda.DriverProblem}");
        }
        else
        {
            ctx.Out.Profile.Out.Writer.WriteLine($"cuda     driver {cuda.DriverVersion}, NVRTC {cuda.NvrtcVersion ?? "not available: " + cuda.NvrtcProblem}{(cuda.Devices.Count == 0 ? $"; {cuda.DriverProblem}" : "")}");
            foreach (var d in cuda.Devices)
                ctx.Out.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cuda:{d.Ordinal,-3} {d.Name}, compute capability {d.ComputeMajor}.{d.ComputeMinor} ({d.Architecture}), {d.Multiprocessors} SMs, {d.TotalMemoryBytes / (double)(1L << 30):F1} GiB"));
        }
        if (cuda.DriverVersion is null && cuda.NvrtcVersion is null) ctx.Out.Profile.Out.Writer.WriteLine($"nvrtc    not available: {cuda.NvrtcProblem}");
        else if (cuda.DriverVersion is null) ctx.Out.Profile.Out.Writer.WriteLine($"nvrtc    {cuda.NvrtcVersion}");
        ctx.Out.Profile.Out.Writer.WriteLine(available ? "--device auto uses cuda:0" : "--device auto uses the CPU");
        return ExitCodes.Success;
    }
}
