namespace StressMargin.Tests.Support;

/// <summary>
/// A copy of the sample scenario (scenarios/deribit-20260205.yaml) in a scratch folder, with every path made
/// absolute, so that one input (positions, spots) can be replaced by a file of the test's own.
/// </summary>
internal static class SampleCopy
{
    public static string Write(TempDir dir, string? positionsCsv = null, string? spotsCsv = null)
    {
        string scenarios = RepoPaths.Combine("scenarios").Replace('\\', '/');
        string yaml = File.ReadAllText(RepoPaths.SampleScenario)
            .Replace("deribit-20260205/", $"{scenarios}/deribit-20260205/")
            .Replace("- stress/", $"- {scenarios}/stress/")
            .Replace("dir: ../out/deribit-20260205", $"dir: {dir.File("out").Replace('\\', '/')}");
        if (positionsCsv is not null)
            yaml = yaml.Replace($"{scenarios}/deribit-20260205/positions.csv", dir.Write("positions.csv", positionsCsv).Replace('\\', '/'));
        if (spotsCsv is not null)
            yaml = yaml.Replace($"{scenarios}/deribit-20260205/market/spots.csv", dir.Write("spots.csv", spotsCsv).Replace('\\', '/'));
        return dir.Write("scenario.yaml", yaml);
    }

    /// <summary>The sample's positions.csv text.</summary>
    public static string Positions => File.ReadAllText(RepoPaths.Combine("scenarios", "deribit-20260205", "positions.csv"));

    /// <summary>margin.csv's line for an account (the whole record as written).</summary>
    public static string MarginLine(string marginCsv, string account) =>
        File.ReadLines(marginCsv).Single(l => l.StartsWith(account + ",", StringComparison.Ordinal));
}
