using StressMargin.Compute.Cpu;
using StressMargin.Core.Margin;
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
        Assert.Contains(run.Accounts, a => a.Status == MarginStatus.Liquidation);
        Assert.Contains(run.Accounts, a => a.Status == MarginStatus.MarginCall);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalResultsForAnyThreadCountBlockSizeAndChunkSize()
    {
        var reference = MarginJob.Run(Sample.Value, new CpuBackend(maxThreads: 1));
        // Also with the loss block capped at one block of paths per chunk (40 chunks of 500 paths, batches cut by chunks).
        var chunked = new CpuBackend(maxThreads: 2, blockPaths: 500, lossBlockBytes: 8L * 305 * 500);
        Assert.Equal(500, chunked.ChunkPaths(305));
        foreach (var backend in new[] { new CpuBackend(maxThreads: 2), new CpuBackend(maxThreads: 3, blockPaths: 100), new CpuBackend(maxThreads: 4, blockPaths: 4096), chunked })
        {
            var other = MarginJob.Run(Sample.Value, backend);
            Assert.Equal(reference.Accounts.Select(Figures), other.Accounts.Select(Figures));
            Assert.Equal(reference.Attribution.Select(p => p.ComponentEs), other.Attribution.Select(p => p.ComponentEs));
        }

        static (double, double, double, double) Figures(AccountMargin a) => (a.ValueAtRisk, a.ExpectedShortfall, a.EsStdError, a.InitialMargin);
    }

    [Fact]
    public void MarginPolicyFollowsItsDefinition()
    {
        // IM = max(0, max(ES × es_multiplier, worst weighted stress loss, short-option minimum) + add-ons), MM = 0.8 × IM,
        // the status rules, the call amounts and the driver, recomputed from the figures of margin.csv.
        var run = MarginJob.Run(Sample.Value, new CpuBackend());
        Assert.True(run.Stress.Scenarios.Count > 0);
        foreach (var a in run.Accounts)
        {
            double stress = double.IsNaN(a.StressLoss) ? double.NegativeInfinity : a.StressLoss;
            double risk = Math.Max(a.ExpectedShortfall, Math.Max(stress, a.ShortOptionMinimum > 0 ? a.ShortOptionMinimum : double.NegativeInfinity));
            Assert.Equal(Math.Max(0, risk + a.AddOns), a.InitialMargin, 9);
            var driver = a.InitialMargin == 0 ? ImDriver.None : risk <= 0 ? ImDriver.AddOns
                : risk == a.ExpectedShortfall ? ImDriver.Es : risk == stress ? ImDriver.Stress : ImDriver.ShortOptionMinimum;
            Assert.Equal(driver, a.Driver);
            Assert.Equal(0.8 * a.InitialMargin, a.MaintenanceMargin, 9);
            Assert.Equal(a.Equity - a.InitialMargin, a.Excess, 6);
            var expected = a.Equity >= a.InitialMargin ? MarginStatus.Ok : a.Equity >= a.MaintenanceMargin ? MarginStatus.MarginCall : MarginStatus.Liquidation;
            Assert.Equal(expected, a.Status);
            Assert.Equal(expected == MarginStatus.Ok ? 0 : a.InitialMargin - a.Equity, a.CallAmount, 6);
            Assert.Equal(expected == MarginStatus.Liquidation ? a.MaintenanceMargin - a.Equity : 0, a.MaintenanceShortfall, 6);
            Assert.True(a.ExpectedShortfall >= a.ValueAtRisk - 1e-9, $"{a.AccountId}: ES {a.ExpectedShortfall} < VaR {a.ValueAtRisk}");
            Assert.True(a.AddOns >= 0);
            Assert.Equal(a.AddOnParts!.Liquidity + a.AddOnParts.MarketImpact + a.AddOnParts.Concentration, a.AddOns, 9); // margin.csv's addons column
        }
        Assert.Contains(run.Accounts, a => a.Driver == ImDriver.Stress);
        Assert.Contains(run.Accounts, a => a.Driver == ImDriver.Es);
    }

    [Fact]
    public void SampleMarketImpactUsesTheShippedDepthAndNetsBasisTrades()
    {
        var input = Sample.Value;
        var calculator = input.AddOnCalculator();
        // Depth read independently from the two files the sample names: an instrument has depth when volume or open interest > 0.
        var withDepth = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "market/depth.csv", "linear_depth.csv" })
            foreach (var f in File.ReadAllLines(RepoPaths.Combine("scenarios", "deribit-20260205", file)).Skip(1).Select(l => l.Split(',')))
                if (f.Skip(1).Any(c => c.Length > 0 && double.Parse(c, System.Globalization.CultureInfo.InvariantCulture) > 0)) withDepth.Add(f[0]);
        Assert.Contains("BTC-PERPETUAL", withDepth);
        double total = 0;
        foreach (var account in input.Book.Accounts)
        {
            var addOns = calculator.Compute(account);
            Assert.Equal(account.Positions.Count(p => p.Instrument.IsRisky && !withDepth.Contains(p.Instrument.Id)), addOns.DepthFallbacks);
            Assert.True(addOns.MarketImpact >= 0);
            if (account.Positions.Any(p => p.Instrument.IsRisky) && !account.Id.StartsWith("basis-trade", StringComparison.Ordinal))
                Assert.True(addOns.MarketImpact > 0, $"{account.Id} holds risk but has no market-impact charge");
            total += addOns.MarketImpact;
        }
        Assert.True(total > 0);
        Assert.Contains(input.Book.Accounts, a => calculator.Compute(a).DepthFallbacks > 0); // the coins have no depth in the sample
        // A basis trade (long coins or perpetual, short as much of a future) nets in the delta bucket: its impact is a small
        // fraction of the sum of its legs' stand-alone impacts.
        foreach (var account in input.Book.Accounts.Where(a => a.Id.StartsWith("basis-trade", StringComparison.Ordinal)))
        {
            double legs = account.Positions.Where(p => p.Instrument.IsRisky).Sum(p => calculator.Compute(new StressMargin.Core.Portfolio.Account(account.Id, [p])).MarketImpact);
            Assert.True(calculator.Compute(account).MarketImpact < 0.05 * legs, $"{account.Id}: netted {calculator.Compute(account).MarketImpact} vs legs {legs}");
        }
    }
}
