using System.Text.Json.Nodes;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Report.Plots;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Report;

/// <summary>The loss distribution figures of a run's report: each account's figure, put into a copy of the first
/// account's Plotly.NET figure, is the figure Plotly.NET builds for that account.</summary>
public class LossDistributionFiguresTests
{
    [Fact]
    public void EveryFigureEqualsTheChartPlotlyNetBuildsForItsAccount()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 4_000));
        var run = MarginJob.Run(input, new CpuBackend(maxThreads: 2), maxThreads: 2);
        var histograms = run.Risk.Histograms!;
        // Accounts with different bin widths, signs, drivers and title lengths: every 7th of the book.
        var accounts = Enumerable.Range(0, run.Accounts.Count).Where(a => a % 7 == 0).Select(a => (run.Accounts[a], histograms[a])).ToArray();
        Assert.True(accounts.Select(x => DisplayHistogram.Of(x.Item2).Width).Distinct().Count() > 3, "the accounts should span several bin widths");
        var (_, figures) = LossDistributionPlot.Figures(accounts, 0.99, 0.975);
        Assert.Equal(accounts.Length, figures.Length);
        for (int i = 0; i < accounts.Length; i++)
        {
            var expected = Charts.FigureJson(LossDistributionPlot.Chart(accounts[i].Item1, accounts[i].Item2, 0.99, 0.975));
            // Numbers compared as numbers (Plotly.NET writes 12.0 where System.Text.Json writes 12).
            Assert.True(JsonNode.DeepEquals(Normalized(expected), Normalized(figures[i])), $"figure of {accounts[i].Item1.AccountId} differs:\n{expected.ToJsonString()}\n{figures[i].ToJsonString()}");
        }
    }

    private static JsonNode? Normalized(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Normalized(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalized).ToArray()),
        JsonValue v when v.TryGetValue(out double d) => JsonValue.Create(d),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };
}
