using StressMargin.Cli;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Hostile;

/// <summary>
/// One hostile input: a mutation of the bad-input fixture (or of a file given to another command), the location its
/// error must name and what the message must say. <see cref="Check"/> asserts the exit code, the single
/// <c>error: FILE:LINE:COLUMN: …</c> line and that nothing was written.
/// </summary>
/// <param name="File">File the error names (a fixture name, an absolute path, or "." for the fixture's folder).</param>
/// <param name="Line">Expected line, 0 for none.</param>
/// <param name="Column">Expected column, 0 for none.</param>
/// <param name="Phrases">Text the message must contain.</param>
/// <param name="Setup">Mutates the fixture.</param>
internal sealed record HostileCase(string File, int Line, int Column, string[] Phrases, Action<ScenarioFixture> Setup)
{
    /// <summary>Start from the calibrated fixture (with a price history) instead of the plain one.</summary>
    public bool Calibrated { get; init; }

    /// <summary>The command to run instead of <c>run</c> and <c>validate</c> on the fixture; null runs both.</summary>
    public Func<ScenarioFixture, CliRunner.Result>? Command { get; init; }

    /// <summary>Expected exit code (3 unless an output error is expected).</summary>
    public int ExitCode { get; init; } = ExitCodes.InputError;

    /// <summary>A folder that must not exist afterwards (e.g. the importer's <c>--out</c>).</summary>
    public Func<ScenarioFixture, string>? MustNotExist { get; init; }

    /// <summary>Runs the case and asserts its exit code, location, message and the absence of outputs.</summary>
    public void Check()
    {
        using var f = Calibrated ? CalibratedFixture.Create() : new ScenarioFixture();
        Setup(f);
        string file = File == "." ? f.Dir : File; // "." names the fixture's folder itself
        if (Command is null)
        {
            InputErrorAssert.Fails(f, file, Line, Column, Phrases);
        }
        else
        {
            var r = Command(f);
            if (ExitCode == ExitCodes.InputError) InputErrorAssert.InputError(r, f.PathOf(file), Line, Column, Phrases);
            else
            {
                Assert.True(r.ExitCode == ExitCode, $"exit code {r.ExitCode}, expected {ExitCode}\n{r.Stderr}");
                Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
                Assert.StartsWith("error: ", r.Stderr);
                foreach (var p in Phrases) Assert.Contains(p, r.Stderr);
            }
        }
        Assert.True(f.OutputEntries().Length == 0, $"output left behind: {string.Join(", ", f.OutputEntries())}");
        if (MustNotExist?.Invoke(f) is { } dir) Assert.False(Directory.Exists(dir), $"{dir} was created");
    }

    /// <summary>1-based column of <paramref name="token"/> in <paramref name="line"/>.</summary>
    public static int Col(string line, string token)
    {
        int i = line.IndexOf(token, StringComparison.Ordinal);
        if (i < 0) throw new InvalidOperationException($"'{token}' not in '{line}'");
        return i + 1;
    }
}
