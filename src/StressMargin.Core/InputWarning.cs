namespace StressMargin.Core;

/// <summary>
/// A legal but unusual input value (a vol of 400 %, a forward 30 % above spot a week out, an ES resting on few tail
/// paths): the run goes on, and the warning is printed in the run header and recorded in <c>manifest.json</c>. Values
/// that are not plausible at all are <see cref="InputException"/>s instead (bounds in docs/formats.md §10).
/// </summary>
/// <param name="Location">Where the value is; null when it is not tied to a file.</param>
/// <param name="Message">What is unusual and why it matters, without the location prefix.</param>
public sealed record InputWarning(SourceLocation? Location, string Message)
{
    /// <summary>Formats as <c>file:line:column: message</c>.</summary>
    /// <returns>The text printed after <c>warning: </c>.</returns>
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

/// <summary>
/// Collects the <see cref="InputWarning"/>s of one load. Each check keeps its first <see cref="PerCheck"/> warnings
/// and counts the rest, so that a vol surface with 500 unusual rows gives five lines and a count, not 500 lines.
/// Thread-safe.
/// </summary>
public sealed class InputWarnings
{
    /// <summary>Warnings kept per check; the others are counted in one summary line.</summary>
    public const int PerCheck = 5;

    private readonly Lock _gate = new();
    private readonly List<(string Check, InputWarning Warning)> _kept = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records a warning.</summary>
    /// <param name="check">Short name of the check (e.g. <c>implied_vol</c>), used to group and cap its warnings.</param>
    /// <param name="location">Where the value is, or null.</param>
    /// <param name="message">What is unusual.</param>
    public void Add(string check, SourceLocation? location, string message)
    {
        lock (_gate)
        {
            int n = _counts.GetValueOrDefault(check) + 1;
            _counts[check] = n;
            if (n <= PerCheck) _kept.Add((check, new InputWarning(location, message)));
        }
    }

    /// <summary>The warnings grouped by check (checks in the order of their first warning), each check's overflow
    /// summarized after its last kept warning as "N more warnings like the one above (check)".</summary>
    public IReadOnlyList<InputWarning> All
    {
        get
        {
            lock (_gate)
            {
                var list = new List<InputWarning>();
                foreach (var group in _kept.GroupBy(k => k.Check))
                {
                    list.AddRange(group.Select(g => g.Warning));
                    int more = _counts[group.Key] - group.Count();
                    if (more > 0) list.Add(new InputWarning(null, $"{more} more warning{(more == 1 ? "" : "s")} like the one above ({group.Key})"));
                }
                return list;
            }
        }
    }

    /// <summary>Total number of warnings recorded, the counted-only ones included.</summary>
    public int Count
    {
        get { lock (_gate) return _counts.Values.Sum(); }
    }
}
