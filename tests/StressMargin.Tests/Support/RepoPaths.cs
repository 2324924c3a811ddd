namespace StressMargin.Tests.Support;

/// <summary>Locates files of the repository (the folder holding StressMargin.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SampleScenario => Combine("scenarios", "deribit-20260205.yaml");

    public static string SampleMarket => Combine("scenarios", "deribit-20260205", "market");

    public static string DeribitSnapshot => Combine("scenarios", "raw", "deribit_options_snapshot_20260205T093647Z.csv");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StressMargin.sln"))) return dir.FullName;
        throw new InvalidOperationException("StressMargin.sln not found above " + AppContext.BaseDirectory);
    }
}
