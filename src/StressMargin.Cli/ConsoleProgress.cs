using System.Diagnostics;
using StressMargin.Compute;

namespace StressMargin.Cli;

/// <summary>
/// Progress for non-interactive runs (CI, cron, a pipe): one plain log line per stage every 10%, with elapsed
/// time, on standard error. Thread-safe: backends report from worker threads.
/// </summary>
/// <param name="log">Where the lines go (standard error).</param>
internal sealed class PlainProgress(TextWriter log) : IProgress<ComputeProgress>
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, long> _lastDecile = [];

    /// <inheritdoc/>
    public void Report(ComputeProgress value)
    {
        long decile = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
        lock (_gate)
        {
            if (_lastDecile.TryGetValue(value.Stage, out long last) && last >= decile) return;
            _lastDecile[value.Stage] = decile;
            log.WriteLine($"[{_clock.Elapsed:hh\\:mm\\:ss}] {value.Stage,-11} {decile * 10,3}%  ({value.Done:N0}/{value.Total:N0})");
        }
    }
}
