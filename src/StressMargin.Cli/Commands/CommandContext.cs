using Spectre.Console;

namespace StressMargin.Cli.Commands;

/// <summary>Where a command writes: the result (standard output, through Spectre.Console) and logs and progress
/// (standard error), and whether standard error is an interactive terminal.</summary>
/// <param name="Out">Console for results (tables).</param>
/// <param name="Log">Writer for log lines, progress and errors.</param>
/// <param name="Interactive">True when progress bars can be drawn.</param>
internal sealed record CommandContext(IAnsiConsole Out, TextWriter Log, bool Interactive);
