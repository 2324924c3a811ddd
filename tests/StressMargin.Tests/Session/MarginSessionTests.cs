using System.Globalization;
using StressMargin.Compute.Cpu;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Session;

/// <summary>
/// The warm session gives exactly what a run gives: on start, after a market update (against a run on the new market
/// files) and after a position update (against a run on the new positions.csv), and its component ES equals
/// attribution.csv's.
/// </summary>
public class MarginSessionTests
{
    private const int Paths = 20_000;

    private static void AssertSame(IReadOnlyList<AccountMargin> expected, IReadOnlyList<AccountMargin> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int a = 0; a < expected.Count; a++)
            Assert.Equal(expected[a] with { Tail = actual[a].Tail }, actual[a]);
    }

    [Fact]
    public void StartMatchesRunAndComponentEsMatchesAttribution()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths));
        var run = MarginJob.Run(input, new CpuBackend());
        var session = MarginSession.Start(input);
        AssertSame(run.Accounts, session.Margins);
        Assert.Equal(1, session.Version);
        foreach (var id in new[] { "multi-asset-010", "iron-condor-004", "collateral-only-001" })
        {
            var report = session.Report(id, null);
            Assert.Equal(run.Attribution.Where(p => p.AccountId == id), report.Positions);
            Assert.Equal(5, report.WorstScenarios.Count);
            Assert.Equal(report.Margin.StressLoss, report.WorstScenarios[0].WeightedLoss);
            Assert.Contains("IM ", report.Explanation);
        }
    }

    [Fact]
    public void MarketUpdateMatchesARunOnTheNewMarketFiles()
    {
        // Spot down 7.5 % with the forward curve unchanged: within the plausibility bound on forward against spot.
        const string spots = "underlying,spot\nBTC,66100\nETH,1968\n";
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths));
        var session = MarginSession.Start(input);
        var (next, changed) = session.WithMarket(MarketUpdate.FromCsv(null, spots, null, null, null, session.InstrumentIds));

        using var dir = new TempDir();
        var fresh = ScenarioLoader.Load(SampleCopy.Write(dir, spotsCsv: spots), new RunOverrides(Paths));
        var run = MarginJob.Run(fresh, new CpuBackend());
        AssertSame(run.Accounts, next.Margins);
        Assert.Equal(2, next.Version);
        Assert.Equal(1, session.Version); // the old snapshot is untouched
        Assert.Equal(input.Market.Curve("BTC").Spot, session.Input.Market.Curve("BTC").Spot);
        var expected = run.Accounts.Where((m, a) => m.Status != session.Margins[a].Status).Select(m => m.AccountId).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, changed.Select(c => c.AccountId));
        Assert.All(changed, c => Assert.NotEqual(c.Before!.Status, c.After!.Status));
    }

    [Fact]
    public void ChainSnapshotUpdateMovesAsOfAndPricesOnTheNewChain()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(5_000));
        var session = MarginSession.Start(input);
        string chain = File.ReadAllText(RepoPaths.Combine("scenarios", "raw", "deribit_options_snapshot_20260205T212937Z.csv"));
        var (next, changed) = session.WithMarket(MarketUpdate.FromDeribitChain(chain, "deribit_chain", session.InstrumentIds));
        Assert.Equal(DateTimeOffset.Parse("2026-02-05T21:29:37Z", CultureInfo.InvariantCulture), next.Input.Scenario.AsOf);
        Assert.True(next.Input.Market.Curve("BTC").Spot < 0.92 * input.Market.Curve("BTC").Spot, "the afternoon's sell-off");
        Assert.Contains(changed, c => c.After!.Status == MarginStatus.Liquidation && c.Before!.Status != MarginStatus.Liquidation);
        Assert.StartsWith("Deribit chain of 2026-02-05T21:29:37Z", next.MarketSource);
        // The chain's open interest and volume replace the sample's depth (the perpetuals' and futures' rows stay).
        var row = chain.Split('\n')[1].Split(',');
        var header = chain.Split('\n')[0].Split(',');
        var depth = next.Input.Depth[row[Array.IndexOf(header, "instrument_name")]];
        Assert.Equal(double.Parse(row[Array.IndexOf(header, "open_interest")], CultureInfo.InvariantCulture), depth.OpenInterest);
        Assert.Equal(double.Parse(row[Array.IndexOf(header, "volume")], CultureInfo.InvariantCulture), depth.Volume24h);
        Assert.Equal(input.Depth["BTC-PERPETUAL"], next.Input.Depth["BTC-PERPETUAL"]);
    }

    [Fact]
    public void BadMarketDataIsLocatedAtItsPart()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(1_000));
        var session = MarginSession.Start(input);
        var e = Assert.Throws<InputException>(() => MarketUpdate.FromCsv(null, "underlying,spot\nBTC,-5\n", null, null, null, session.InstrumentIds));
        Assert.Equal("spots:2:2: spot: expected a positive price in USD, got '-5'", e.Message);
        e = Assert.Throws<InputException>(() => MarketUpdate.FromDeribitChain("timestamp,instrument_name\n", "$.deribit_chain", session.InstrumentIds));
        Assert.StartsWith("$.deribit_chain:1: missing column", e.Message);
        // A forward expiring before a new as_of: the merged market is refused, with the row's part and line.
        var update = MarketUpdate.FromCsv(DateTimeOffset.Parse("2026-02-05T10:00:00Z", CultureInfo.InvariantCulture), null, "underlying,expiry,forward\nBTC,2026-02-05T09:50:00Z,70000\n", null, null, session.InstrumentIds);
        e = Assert.Throws<InputException>(() => session.WithMarket(update));
        Assert.StartsWith("forwards:2:2: forward expiry 2026-02-05T09:50:00Z is not after as_of", e.Message);
    }

    [Fact]
    public void PositionUpdateMatchesARunOnTheNewPositionsFile()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths));
        var session = MarginSession.Start(input);
        var positions = new[] { new Trade("ETH-PERPETUAL", 12.5), new Trade("BTC-27MAR26-60000-P", -2), new Trade("USD", 40_000) };
        var (next, change) = session.WithPositions("naked-put-003", positions);
        var (added, created) = next.WithPositions("new-account", [new Trade("BTC-PERPETUAL", 1), new Trade("USD", 5_000)]);
        var (removed, gone) = added.WithPositions("collateral-only-001", []);
        Assert.Null(created.Before);
        Assert.Null(gone.After);

        var lines = SampleCopy.Positions.TrimEnd('\n').Split('\n').ToList();
        int first = lines.FindIndex(l => l.StartsWith("naked-put-003,", StringComparison.Ordinal));
        lines.RemoveAll(l => l.StartsWith("naked-put-003,", StringComparison.Ordinal) || l.StartsWith("collateral-only-001,", StringComparison.Ordinal));
        lines.InsertRange(first, ["naked-put-003,ETH-PERPETUAL,12.5", "naked-put-003,BTC-27MAR26-60000-P,-2", "naked-put-003,USD,40000"]);
        lines.AddRange(["new-account,BTC-PERPETUAL,1", "new-account,USD,5000"]);
        using var dir = new TempDir();
        var fresh = ScenarioLoader.Load(SampleCopy.Write(dir, positionsCsv: string.Join('\n', lines) + "\n"), new RunOverrides(Paths));
        var run = MarginJob.Run(fresh, new CpuBackend());
        AssertSame(run.Accounts, removed.Margins);
        Assert.Equal(run.Accounts.Single(a => a.AccountId == "naked-put-003"), change.After! with { Tail = run.Accounts.Single(a => a.AccountId == "naked-put-003").Tail });
        Assert.Equal(4, removed.Version);

        var e = Assert.Throws<InputException>(() => session.WithPositions("x", [new Trade("USD", 1, new SourceLocation("$.positions[0].instrument")), new Trade("USD", 2, new SourceLocation("$.positions[1].instrument"))]));
        Assert.Equal("$.positions[1].instrument: account 'x' holds 'USD' twice (first at $.positions[0].instrument); merge the quantities", e.Message);
        e = Assert.Throws<InputException>(() => session.WithPositions("x", [new Trade("NOPE", 1, new SourceLocation("$.positions[0].instrument"))]));
        Assert.StartsWith("$.positions[0].instrument: unknown instrument 'NOPE'", e.Message);
    }
}
