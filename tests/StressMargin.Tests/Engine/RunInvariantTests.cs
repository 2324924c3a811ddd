using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

public class RunInvariantTests
{
    private static readonly Lazy<LoadedScenario> Sample = new(() => ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 20_000)));

    [Fact]
    public void ComponentEsSumsToEsForEveryAccount()
    {
        var run = MarginJob.Run(Sample.Value, new CpuBackend());
        foreach (var account in run.Accounts)
        {
            var parts = run.Attribution.Where(p => p.AccountId == account.AccountId).ToArray();
            double sum = parts.Sum(p => p.ComponentEs);
            double gross = parts.Sum(p => Math.Abs(p.ComponentEs)) + Math.Abs(account.ExpectedShortfall);
            Assert.True(Math.Abs(sum - account.ExpectedShortfall) <= 1e-12 * Math.Max(gross, 1), $"{account.AccountId}: Σ components {sum:R} vs ES {account.ExpectedShortfall:R}");
            Assert.All(parts.Where(p => p.InstrumentId == "USD"), p => Assert.Equal(0.0, p.ComponentEs));
        }
        Assert.Contains(run.Accounts, a => a.Status == StressMargin.Core.Margin.MarginStatus.Liquidation);
        Assert.Contains(run.Accounts, a => a.Status == StressMargin.Core.Margin.MarginStatus.MarginCall);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalResultsForAnyThreadCountBlockSizeAndAccountGrouping()
    {
        var reference = MarginJob.Run(Sample.Value, new CpuBackend(maxThreads: 1));
        // Also with the loss matrix capped at 7 accounts (43 groups, each re-simulating the paths).
        var grouped = new CpuBackend(maxThreads: 2, lossMatrixBytes: 8L * 20_000 * 7);
        Assert.Equal(7, grouped.AccountsPerGroup(20_000, 305));
        foreach (var backend in new[] { new CpuBackend(maxThreads: 2), new CpuBackend(maxThreads: 3, blockPaths: 100), new CpuBackend(maxThreads: 4, blockPaths: 4096), grouped })
        {
            var other = MarginJob.Run(Sample.Value, backend);
            Assert.Equal(reference.Accounts.Select(Figures), other.Accounts.Select(Figures));
            Assert.Equal(reference.Attribution.Select(p => p.ComponentEs), other.Attribution.Select(p => p.ComponentEs));
        }

        static (double, double, double, double) Figures(StressMargin.Core.Margin.AccountMargin a) => (a.ValueAtRisk, a.ExpectedShortfall, a.EsStdError, a.InitialMargin);
    }

    [Fact]
    public void MarginPolicyFollowsItsDefinition()
    {
        var run = MarginJob.Run(Sample.Value, new CpuBackend());
        foreach (var a in run.Accounts)
        {
            Assert.Equal(Math.Max(a.ExpectedShortfall, 0), a.InitialMargin);
            Assert.Equal(0.8 * a.InitialMargin, a.MaintenanceMargin, 9);
            Assert.Equal(a.Equity - a.InitialMargin, a.Excess, 6);
            var expected = a.Equity >= a.InitialMargin ? StressMargin.Core.Margin.MarginStatus.Ok
                : a.Equity >= a.MaintenanceMargin ? StressMargin.Core.Margin.MarginStatus.MarginCall
                : StressMargin.Core.Margin.MarginStatus.Liquidation;
            Assert.Equal(expected, a.Status);
            Assert.True(a.ExpectedShortfall >= a.ValueAtRisk - 1e-9, $"{a.AccountId}: ES {a.ExpectedShortfall} < VaR {a.ValueAtRisk}");
        }
    }
}
