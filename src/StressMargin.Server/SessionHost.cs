using StressMargin.Engine.Session;

namespace StressMargin.Server;

/// <summary>
/// Holds the service's current <see cref="MarginSession"/> snapshot. Readers take the reference once per request and
/// work on that immutable snapshot; writers (market and position updates) run one at a time, build a complete new
/// snapshot and then publish it with one reference assignment, so no request ever sees half an update.
/// </summary>
/// <param name="session">The first snapshot.</param>
public sealed class SessionHost(MarginSession session)
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private MarginSession _current = session;

    /// <summary>The current snapshot.</summary>
    public MarginSession Current => Volatile.Read(ref _current);

    /// <summary>When the service started.</summary>
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;

    /// <summary>Applies an update to the current snapshot and publishes the result; updates are serialized.</summary>
    /// <typeparam name="T">What the update reports.</typeparam>
    /// <param name="update">Builds the next snapshot from the current one (may throw; nothing is published then).</param>
    /// <param name="cancellationToken">Cancels the wait for the writer lock.</param>
    /// <returns>The update's report.</returns>
    public async Task<T> UpdateAsync<T>(Func<MarginSession, (MarginSession Next, T Report)> update, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (next, report) = await Task.Run(() => update(Current), CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _current, next);
            return report;
        }
        finally
        {
            _writer.Release();
        }
    }
}
