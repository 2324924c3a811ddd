using System.Globalization;
using StressMargin.Core.Stress;
using StressMargin.Engine;
using StressMargin.IO.Stress;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

public class HistoricalReplayTests
{
    private static readonly string CrashDays = RepoPaths.Combine("scenarios", "stress", "crypto-crash-days.yaml");

    /// <summary>The history's closes, read independently of the engine's reader.</summary>
    private static Dictionary<(string Date, string Column), double> Closes()
    {
        var lines = File.ReadAllLines(RepoPaths.Combine("scenarios", "history", "crypto_daily_closes.csv"));
        var header = lines[0].Split(',');
        var closes = new Dictionary<(string, string), double>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            for (int c = 1; c < f.Length; c++)
                if (f[c].Length > 0) closes[(f[0], header[c])] = double.Parse(f[c], CultureInfo.InvariantCulture);
        }
        return closes;
    }

    [Fact]
    public void CrashDayMovesAreTheTwoDayPriceChangesOfTheHistoryFile()
    {
        var scenarios = StressFileReader.Read(CrashDays);
        Assert.Equal(["crash/2020-03-12", "crash/2021-05-19", "crash/2022-05-09", "crash/2022-06-13", "crash/2022-11-09"], scenarios.Select(s => s.Name));
        var closes = Closes();
        foreach (var s in scenarios)
        {
            var date = DateOnly.ParseExact(s.Name["crash/".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string d0 = date.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d1 = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var u in new[] { "BTC", "ETH" })
                Assert.Equal(closes[(d1, u)] / closes[(d0, u)] - 1, s.MoveOf(u).SpotMove, 14);
            Assert.True(s.RequiresEveryUnderlying);
            Assert.Null(s.MoveOf("BTC").VolShift);
        }
        // 2020-03-12: SOL had no price yet, so it has no move; BTC fell 37.2 % over 2020-03-10 → 03-12.
        Assert.False(scenarios[0].Moves.ContainsKey("SOL"));
        Assert.Equal(-0.3716, scenarios[0].MoveOf("BTC").SpotMove, 4);
        Assert.Equal(-0.2292, scenarios[4].MoveOf("BTC").SpotMove, 4); // FTX, 2022-11-07 → 11-09
    }

    [Fact]
    public void AnUnderlyingWithoutAColumnIsAnErrorUnlessMapped()
    {
        using var dir = new TempDir();
        string history = RepoPaths.Combine("scenarios", "history", "crypto_daily_closes.csv").Replace('\\', '/');
        dir.Write("hist.yaml", $"historical: {{ prices: {history}, dates: [2022-11-09], window_days: 1 }}\n");
        dir.Write("instruments.csv", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\nDOGE,spot,DOGE,,,,1\nBTC,spot,BTC,,,,1\n");
        dir.Write("spots.csv", "underlying,spot\nDOGE,0.1\nBTC,70000\n");
        dir.Write("positions.csv", "account_id,instrument_id,quantity\nA,DOGE,1000\nA,BTC,1\n");
        string Scenario(string stress) => dir.Write("scenario.yaml", $$"""
            as_of: 2026-02-05T00:00:00Z
            inputs: { instruments: instruments.csv, positions: positions.csv, spots: spots.csv }
            simulation: { paths: 1000 }
            risk_factors: { DOGE: { spot_vol: 1.0 }, BTC: { spot_vol: 0.6 } }
            margin: { stress: [{{stress}}] }
            """);
        var error = Assert.Throws<StressMargin.Core.InputException>(() => ScenarioLoader.Load(Scenario("hist.yaml")));
        Assert.Contains("historical scenario 'hist/2022-11-09' has no price for 'DOGE'", error.Message);
        Assert.Contains("hist.yaml:1:", error.Message);

        dir.Write("mapped.yaml", $"historical: {{ prices: {history}, dates: [2022-11-09], window_days: 1, map: {{ DOGE: SOL }} }}\n");
        var input = ScenarioLoader.Load(Scenario("mapped.yaml"));
        var closes = Closes();
        double sol = closes[("2022-11-09", "SOL")] / closes[("2022-11-08", "SOL")] - 1, btc = closes[("2022-11-09", "BTC")] / closes[("2022-11-08", "BTC")] - 1;
        var result = StressJob.Run(input);
        Assert.Equal(1000 * 0.1 * sol + 70000 * btc, result.Pnl(0, 0), 9);
    }

    [Theory]
    [InlineData("dates: [2031-01-01]", "has no row for 2031-01-01")]
    [InlineData("dates: [2014-09-17]", "2014-09-17: a 1-row window needs 1 earlier row(s)")]
    [InlineData("dates: [12/03/2020]", "expected a date yyyy-MM-dd, got '12/03/2020'")]
    [InlineData("dates: [2022-11-09], map: { DOGE: XRP }", "'XRP' is not a column of")]
    [InlineData("dates: [2022-11-09], calendar: weekly", "expected daily or business, got 'weekly'")]
    public void MalformedHistoricalBlocksAreInputErrors(string keys, string phrase)
    {
        using var dir = new TempDir();
        string history = RepoPaths.Combine("scenarios", "history", "crypto_daily_closes.csv").Replace('\\', '/');
        string path = dir.Write("hist.yaml", $"historical: {{ prices: {history}, window_days: 1, {keys} }}\n");
        var error = Assert.Throws<StressMargin.Core.InputException>(() => StressFileReader.Read(path));
        Assert.Contains(phrase, error.Message);
        Assert.StartsWith(path + ":1:", error.Message);
    }
}
