using System.Globalization;
using StressMargin.Core.Margin.Collateral;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Collateral;

public class CollateralHaircutTests
{
    [Theory]
    [InlineData(50_000.0, 5_000.0)]                           // inside the first band: 10 %
    [InlineData(100_000.0, 10_000.0)]                         // at its bound
    [InlineData(150_000.0, 10_000.0 + 0.2 * 50_000)]          // the excess at 20 %
    [InlineData(400_000.0, 10_000.0 + 0.2 * 200_000 + 0.5 * 100_000)]
    [InlineData(0.0, 0.0)]
    [InlineData(-80_000.0, 0.0)]                              // a borrowed balance is not cut
    public void TiersCutEachBandAtItsOwnRate(double value, double expected)
    {
        var table = new CollateralTable(new Dictionary<string, IReadOnlyList<HaircutTier>>
        {
            ["BTC"] = [new HaircutTier(100_000, 0.1), new HaircutTier(300_000, 0.2), new HaircutTier(double.PositiveInfinity, 0.5)],
        });
        Assert.Equal(expected, table.Haircut("BTC", value), 1e-9);
    }

    [Fact]
    public void KrakenHaircutsReduceEquityButNotTheMargin()
    {
        using var dir = new TempDir();
        const string book = EngineScenarios.AllKindsBook + "\nE,ETH,12\nE,USD,5000\nE,ETH-26JUN26-1500-P,-3\n";
        string plain = EngineScenarios.OnSampleMarket(dir, book, 4000);
        string table = RepoPaths.Combine("scenarios", "collateral", "kraken-multi-collateral.csv").Replace('\\', '/');
        string withTable = dir.Write("haircut.yaml", File.ReadAllText(plain).Replace("/vol_surface.csv }", $"/vol_surface.csv, collateral: {table} }}"));
        Assert.NotEqual(File.ReadAllText(plain), File.ReadAllText(withTable));
        var a = CliRunner.Run("run", plain, "--device", "cpu", "--no-report", "--out", dir.File("a"));
        var b = CliRunner.Run("run", withTable, "--device", "cpu", "--no-report", "--out", dir.File("b"));
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        var before = Margin(dir.File("a"));
        var after = Margin(dir.File("b"));
        double btc = Spot("BTC"), eth = Spot("ETH");
        // Kraken multi-collateral haircuts: USD 0 %, BTC 3 %, ETH 3 %; A holds 0.5 BTC spot, E 12 ETH and cash, B and C cash only.
        var expected = new Dictionary<string, double> { ["A"] = 0.03 * 0.5 * btc, ["B"] = 0, ["C"] = 0, ["D"] = 0, ["E"] = 0.03 * 12 * eth };
        foreach (var (id, cut) in expected)
        {
            Assert.Equal(cut, N(after[id]["collateral_haircut"]), 1e-9 * Math.Max(1, cut));
            Assert.Equal("0", before[id]["collateral_haircut"]);
            Assert.Equal(N(before[id]["equity"]) - cut, N(after[id]["equity"]), 1e-9 * Math.Max(1, Math.Abs(N(before[id]["equity"]))));
            // The haircut is a deduction from today's equity: ES, stress and IM are those of the same positions without it.
            foreach (var column in new[] { "var", "es", "initial_margin", "maintenance_margin", "stress_loss" })
                Assert.Equal(before[id][column], after[id][column]);
            Assert.Equal(N(after[id]["equity"]) - N(after[id]["initial_margin"]), N(after[id]["excess"]), 1e-9 * Math.Max(1, N(after[id]["initial_margin"])));
        }
    }

    private static double Spot(string underlying) =>
        N(File.ReadAllLines(Path.Combine(RepoPaths.SampleMarket, "spots.csv")).Select(l => l.Split(',')).Single(c => c[0] == underlying)[1]);

    private static Dictionary<string, Dictionary<string, string>> Margin(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "margin.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => header.Zip(r).ToDictionary(x => x.First, x => x.Second));
    }

    private static double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
