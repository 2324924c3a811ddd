using System.Diagnostics;
using System.Text;

namespace StressMargin.Tests.Support;

/// <summary>
/// The built <c>stressmargin</c> command as a separate process (<c>dotnet stressmargin.dll …</c>, the dll beside the test
/// binaries), for what one process cannot test on itself: two runs into one folder, a real SIGTERM, a file-size limit.
/// Standard error is collected line by line so a test can wait for the run header.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();
    private readonly Lock _gate = new();

    private CliProcess(ProcessStartInfo start)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.Environment["CI"] = "1";
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stderr.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stdout.AppendLine(e.Data); };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>The stressmargin dll the tests run.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "stressmargin.dll");

    /// <summary>Starts <c>dotnet stressmargin.dll ARGS</c>.</summary>
    public static CliProcess Start(params string[] args) => new(new ProcessStartInfo("dotnet", [Dll, .. args]));

    /// <summary>Starts it through bash with a prefix (e.g. <c>ulimit -f 8;</c>), the arguments quoted.</summary>
    public static CliProcess StartWithShell(string prefix, params string[] args) =>
        new(new ProcessStartInfo("bash", ["-c", $"{prefix} exec dotnet '{Dll}' {string.Join(" ", args.Select(a => $"'{a}'"))}"]));

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>Standard error so far.</summary>
    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }

    /// <summary>Standard output so far.</summary>
    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }

    /// <summary>Waits until standard error contains <paramref name="text"/>; fails the test after the timeout or when the process exits first.</summary>
    public void WaitForStderr(string text, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited && !Stderr.Contains(text, StringComparison.Ordinal))
            {
                _process.WaitForExit();
                if (!Stderr.Contains(text, StringComparison.Ordinal))
                    throw new Xunit.Sdk.XunitException($"process exited ({_process.ExitCode}) before writing '{text}':\n{Stderr}");
            }
            if (clock.Elapsed.TotalSeconds > timeoutSeconds) throw new Xunit.Sdk.XunitException($"no '{text}' after {timeoutSeconds} s:\n{Stderr}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public int WaitForExit(int timeoutSeconds = 300)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            _process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"process did not exit within {timeoutSeconds} s:\n{Stderr}");
        }
        _process.WaitForExit(); // drain the output events
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
