using System.Globalization;
using StressMargin.Core.Greeks;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Greeks;

public class GreeksCsvTests
{
    [Fact]
    public void RunWritesPositionAndAccountGreeks()
    {
        using var dir = new TempDir();
        string scenario = EngineScenarios.OnSampleMarket(dir, EngineScenarios.AllKindsBook, 2000, discountRate: 0.02);
        string outDir = dir.File("out");
        var result = CliRunner.Run("run", scenario, "--device", "cpu", "--no-report", "--out", outDir);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var lines = File.ReadAllLines(Path.Combine(outDir, "greeks.csv"));
        Assert.Equal("account_id,level,instrument_id,underlying,quantity,spot,delta,delta_usd,gamma,gamma_usd,vega_usd,theta_usd", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var input = ScenarioLoader.Load(scenario);
        var calculator = new GreeksCalculator(input.Market, 0.02);

        // One position row per position, in book order, each quantity × multiplier × the unit Greeks.
        var positions = rows.Where(r => r[1] == "position").ToArray();
        Assert.Equal(input.Book.Positions.Count, positions.Length);
        for (int p = 0; p < positions.Length; p++)
        {
            var pos = input.Book.Positions[p];
            var row = positions[p];
            Assert.Equal((pos.AccountId, pos.Instrument.Id), (row[0], row[2]));
            var unit = calculator.PerUnit(pos.Instrument);
            double spot = pos.Instrument.IsRisky ? input.Market.Curve(pos.Instrument.Underlying).Spot : 1.0;
            Assert.Equal(pos.Weight * unit.Delta, N(row[6]));
            Assert.Equal(pos.Weight * unit.Delta * spot, N(row[7]), 1e-9 * Math.Max(1, Math.Abs(N(row[7]))));
            Assert.Equal(pos.Weight * unit.Gamma, N(row[8]));
            Assert.Equal(pos.Weight * unit.Vega / 100, N(row[10]), 1e-12 * Math.Max(1, Math.Abs(N(row[10]))));
            Assert.Equal(pos.Weight * unit.Theta / 365, N(row[11]), 1e-12 * Math.Max(1, Math.Abs(N(row[11]))));
        }

        // Account rows: the sum of the account's positions on each underlying; cash-only account C has none.
        var accounts = rows.Where(r => r[1] == "account").ToArray();
        Assert.Equal(["A/BTC", "B/ETH", "D/BTC", "D/ETH"], accounts.Select(r => $"{r[0]}/{r[3]}"));
        foreach (var a in accounts)
        {
            Assert.Equal("", a[2]);
            Assert.Equal("", a[4]);
            var mine = positions.Where(r => r[0] == a[0] && r[3] == a[3]).ToArray();
            foreach (int c in new[] { 6, 7, 8, 9, 10, 11 })
            {
                double sum = mine.Sum(r => N(r[c]));
                Assert.True(Math.Abs(sum - N(a[c])) <= 1e-9 * Math.Max(1, mine.Sum(r => Math.Abs(N(r[c])))), $"{a[0]}/{a[3]} column {lines[0].Split(',')[c]}: {N(a[c])} vs Σ {sum}");
            }
        }
        // A short put has positive delta, negative gamma and vega, positive theta; the perpetual's delta is its quantity.
        var shortPut = positions.Single(r => r[0] == "D" && r[2] == "BTC-27MAR26-60000-P");
        Assert.True(N(shortPut[6]) > 0 && N(shortPut[8]) < 0 && N(shortPut[10]) < 0 && N(shortPut[11]) > 0, string.Join(",", shortPut));
        Assert.Equal(2.0, N(positions.Single(r => r[0] == "D" && r[2] == "ETH-PERPETUAL")[6]));
        Assert.Contains("greeks.csv", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
    }

    private static double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
