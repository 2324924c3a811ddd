using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>The sample scenario run once (20,000 paths on the CPU) for the report tests of one collection.</summary>
public sealed class SampleRun : IDisposable
{
    public const int Paths = 20_000;

    private readonly TempDir _dir = new();

    public SampleRun()
    {
        Output = _dir.File("run");
        Result = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", Paths.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu", "--out", Output);
        Assert.True(Result.ExitCode == 0, Result.Stderr);
    }

    public string Output { get; }

    internal CliRunner.Result Result { get; }

    public string File(string name) => Path.Combine(Output, name);

    /// <summary>margin.csv as header and rows of cells (the file has no quoted fields).</summary>
    public (string[] Header, string[][] Rows) Margin()
    {
        var lines = System.IO.File.ReadAllLines(File("margin.csv"));
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SampleRunCollection : ICollectionFixture<SampleRun>
{
    public const string Name = "sample run with report";
}
