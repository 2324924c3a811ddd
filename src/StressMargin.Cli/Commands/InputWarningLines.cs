using StressMargin.Core;

namespace StressMargin.Cli.Commands;

/// <summary>Prints the warnings of a load in a command's header (standard error), one <c>  warning: LOCATION: message</c>
/// line each, and the leftover temporary files removed from the output folder.</summary>
internal static class InputWarningLines
{
    /// <summary>Writes the lines.</summary>
    /// <param name="log">Standard error.</param>
    /// <param name="warnings">The warnings.</param>
    /// <param name="removedLeftovers">Temporary files of dead runs that were removed; may be null.</param>
    public static void Write(TextWriter log, IReadOnlyList<InputWarning> warnings, IReadOnlyList<string>? removedLeftovers = null)
    {
        foreach (var w in warnings) log.WriteLine($"  warning: {w}");
        foreach (var f in removedLeftovers ?? []) log.WriteLine($"  removed {f}, left by a run that was killed while writing");
    }
}
