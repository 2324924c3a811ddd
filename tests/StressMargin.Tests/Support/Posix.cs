using System.Diagnostics;

namespace StressMargin.Tests.Support;

/// <summary>POSIX helpers for the hostile-input and process tests: FIFOs, symbolic links, signals (through the shell's
/// <c>kill</c> built-in and coreutils' <c>mkfifo</c>, present on every Linux the project runs on).</summary>
internal static class Posix
{
    /// <summary>Runs a shell command and waits; throws when it fails.</summary>
    public static void Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, UseShellExecute = false })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed ({p.ExitCode}): {err}");
    }

    /// <summary>Creates a FIFO at a path (no-op when one is there).</summary>
    public static void MakeFifo(string path)
    {
        if (!File.Exists(path)) Sh($"mkfifo '{path}'");
    }

    /// <summary>Sends a signal (TERM, STOP, CONT, …) to a process.</summary>
    public static void Signal(int pid, string signal) => Sh($"kill -{signal} {pid}");

    /// <summary>A process id that is not running: the id of a process that has just exited.</summary>
    public static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }
}
