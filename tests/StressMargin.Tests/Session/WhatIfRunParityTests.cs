using System.Globalization;
using StressMargin.Core.Margin;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.IO.Output;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Session;

/// <summary>
/// A what-if is the margin <c>run</c> computes: with no trades it reproduces the account's margin.csv row, and after
/// the trades it equals the row <c>run</c> writes on positions.csv with the trades added (both bit for bit, compared
/// as the text margin.csv holds, shortest round-trip numbers included).
/// </summary>
public class WhatIfRunParityTests
{
    private const int Paths = 20_000;

    private static string MarginRow(AccountMargin margin)
    {
        using var dir = new TempDir();
        MarginCsv.Write(dir.File("one.csv"), [margin]);
        return File.ReadLines(dir.File("one.csv")).Skip(1).Single();
    }

    [Fact]
    public void WhatIfWithoutTradesReproducesRunsMarginRowForEveryKindOfAccount()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", Paths.ToString(CultureInfo.InvariantCulture), "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths));
        // One account of each strategy of the sample book, including liquidations and margin calls.
        var accounts = input.Book.Accounts.GroupBy(a => a.Id[..a.Id.LastIndexOf('-')]).Select(g => g.First().Id).ToArray();
        Assert.True(accounts.Length >= 10);
        foreach (var id in accounts)
        {
            var w = WhatIfJob.Run(input, id, null, []);
            Assert.Equal(SampleCopy.MarginLine(dir.File("margin.csv"), id), MarginRow(w.Before));
            Assert.Equal(MarginRow(w.Before), MarginRow(w.After));
            Assert.Equal(0.0, w.Delta.InitialMargin);
            Assert.Equal(0.0, w.Delta.EsStdError); // identical losses on every batch
        }
    }

    [Fact]
    public void WhatIfAfterEqualsRunOnTheBookWithTheTradesAdded()
    {
        const string account = "multi-asset-010";
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths));
        var held = input.Book.HeldInstruments.Select(i => i.Id).ToHashSet();
        var mine = input.Book.Accounts.Single(a => a.Id == account).Positions.Select(p => p.Instrument.Id).ToHashSet();
        string elsewhere = input.Book.HeldInstruments.First(i => i.Kind == Core.Instruments.InstrumentKind.Option && i.Underlying == "BTC" && !mine.Contains(i.Id)).Id;
        string unheld = input.Instruments.First(i => i.Kind == Core.Instruments.InstrumentKind.Option && i.Underlying == "BTC" && !held.Contains(i.Id) && i.ExpiryUtc > input.Scenario.AsOf.AddDays(30)).Id;
        var trades = new[]
        {
            new Trade("ETH-PERPETUAL", -39.6),           // held by the account: quantity changes in place
            new Trade(elsewhere, -3),                    // held elsewhere in the book: a new position of the account
            new Trade(unheld, 2.5),                      // held by nobody: a row simulated for the what-if
            new Trade("USD", 25_000),                    // cash deposit
            new Trade("ETH-PERPETUAL", 10),              // the same instrument again: quantities add up
        };
        var w = WhatIfJob.Run(input, account, null, trades);

        // positions.csv with the trades booked by hand: held rows change in place, new rows follow the account's last row.
        var lines = SampleCopy.Positions.TrimEnd('\n').Split('\n').ToList();
        void Add(string instrument, double quantity)
        {
            int at = lines.FindIndex(l => l.StartsWith($"{account},{instrument},", StringComparison.Ordinal));
            double q = double.Parse(lines[at].Split(',')[2], CultureInfo.InvariantCulture) + quantity;
            lines[at] = $"{account},{instrument},{q.ToString("R", CultureInfo.InvariantCulture)}";
        }
        Add("ETH-PERPETUAL", -39.6);
        Add("USD", 25_000);
        Add("ETH-PERPETUAL", 10);
        int last = lines.FindLastIndex(l => l.StartsWith(account + ",", StringComparison.Ordinal));
        lines.InsertRange(last + 1, [$"{account},{elsewhere},-3", $"{account},{unheld},2.5"]);
        using var dir = new TempDir();
        string scenario = SampleCopy.Write(dir, positionsCsv: string.Join('\n', lines) + "\n");
        var run = CliRunner.Run("run", scenario, "--paths", Paths.ToString(CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.Stderr);

        Assert.Equal(SampleCopy.MarginLine(dir.File("out/margin.csv"), account), MarginRow(w.After));
        Assert.Equal(w.AfterPositions.Select(p => (p.Instrument.Id, p.Quantity)),
            lines.Where(l => l.StartsWith(account + ",", StringComparison.Ordinal)).Select(l => l.Split(',')).Select(f => (f[1], double.Parse(f[2], CultureInfo.InvariantCulture))));
        Assert.NotEqual(w.Before.InitialMargin, w.After.InitialMargin);
    }
}
