using StressMargin.Tests.Support;

namespace StressMargin.Tests;

public class SmokeTests
{
    [Fact]
    public void SampleScenarioValidates()
    {
        var r = CliRunner.Run("validate", RepoPaths.SampleScenario);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("valid", r.Stdout);
    }
}
