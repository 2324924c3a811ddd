using StressMargin.Engine;

namespace StressMargin.Benchmarks;

/// <summary>Finds and loads the bundled sample scenario (scenarios/deribit-20260205.yaml).</summary>
internal static class SampleScenario
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, "scenarios", "deribit-20260205.yaml");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("scenarios/deribit-20260205.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    public static LoadedScenario Load(int? paths = null) => ScenarioLoader.Load(Path, new RunOverrides(Paths: paths));
}
