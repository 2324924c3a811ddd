using StressMargin.Cli;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.BadInput;

/// <summary>Assertions shared by the bad-input tests.</summary>
internal static class InputErrorAssert
{
    /// <summary>
    /// Runs <c>run</c> and then <c>validate</c> on the fixture and checks that both fail with exit code 3 and the
    /// same single line on standard error, <c>error: FILE:LINE:COLUMN: MESSAGE</c>, where FILE is the absolute path
    /// of <paramref name="file"/> in the fixture folder; that the message contains every phrase; and that
    /// <c>run</c> left nothing at all in its output folder.
    /// </summary>
    /// <param name="fixture">The mutated fixture.</param>
    /// <param name="file">Fixture file name the error must name.</param>
    /// <param name="line">Expected 1-based line; 0 when the error concerns the whole file.</param>
    /// <param name="column">Expected 1-based column (CSV: field number; YAML: character); 0 when not tied to a cell.</param>
    /// <param name="phrases">Text the message must contain (what is wrong, what was expected).</param>
    /// <returns>The message after the location prefix, for further checks.</returns>
    public static string Fails(ScenarioFixture fixture, string file, int line, int column, params string[] phrases)
    {
        var run = fixture.Run();
        string detail = InputError(run, fixture.PathOf(file), line, column, phrases);
        Assert.True(fixture.OutputEntries().Length == 0, $"run left output behind: {string.Join(", ", fixture.OutputEntries())}");

        var validate = fixture.Validate();
        Assert.True(validate.ExitCode == ExitCodes.InputError, $"validate: exit code {validate.ExitCode}, expected 3\n{validate.Stderr}");
        Assert.Equal(run.Stderr, validate.Stderr);
        Assert.Equal("", validate.Stdout);
        return detail;
    }

    /// <summary>
    /// Checks one CLI result: exit code 3, nothing on standard output, and exactly one line on standard error,
    /// <c>error: PATH[:LINE[:COLUMN]]: MESSAGE</c> with the message containing every phrase.
    /// </summary>
    /// <returns>The message after the location prefix.</returns>
    public static string InputError(CliRunner.Result result, string path, int line, int column, params string[] phrases)
    {
        Assert.True(result.ExitCode == ExitCodes.InputError, $"exit code {result.ExitCode}, expected 3 (input error)\nstderr:\n{result.Stderr}");
        Assert.Equal("", result.Stdout);
        string[] lines = result.Stderr.TrimEnd('\r', '\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected exactly one line on stderr, got {lines.Length}:\n{result.Stderr}");
        string location = line <= 0 ? path : column <= 0 ? $"{path}:{line}" : $"{path}:{line}:{column}";
        string prefix = $"error: {location}: ";
        Assert.True(lines[0].StartsWith(prefix, StringComparison.Ordinal), $"expected the error to start with\n  {prefix}\nbut it was\n  {lines[0]}");
        string detail = lines[0][prefix.Length..];
        foreach (var phrase in phrases) Assert.Contains(phrase, detail);
        return detail;
    }

    /// <summary>Checks a usage error: exit code 2, standard error starting with <c>error:</c> and containing every phrase.</summary>
    public static void UsageError(CliRunner.Result result, params string[] phrases)
    {
        Assert.True(result.ExitCode == ExitCodes.Usage, $"exit code {result.ExitCode}, expected 2 (usage)\nstderr:\n{result.Stderr}");
        Assert.StartsWith("error: ", result.Stderr);
        Assert.DoesNotContain("internal error", result.Stderr);
        foreach (var phrase in phrases) Assert.Contains(phrase, result.Stderr);
    }
}
