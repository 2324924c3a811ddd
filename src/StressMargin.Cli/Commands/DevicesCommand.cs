using System.CommandLine;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using StressMargin.Compute.Cpu;


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
        string cpu = new CpuBackend().Device;
        if (json)
        {
            var doc = new { Cpu = new { Device = "cpu", Description = cpu, LogicalCores = Environment.ProcessorCount, Simd = Vector256.IsHardwareAccelerated ? "256-bit" : "emulated" } };
            ctx.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(doc, Json));
            return ExitCodes.Success;
        }
        ctx.Out.Profile.Out.Writer.WriteLine($"cpu      {cpu}");
        return ExitCodes.Success;
    }
}
