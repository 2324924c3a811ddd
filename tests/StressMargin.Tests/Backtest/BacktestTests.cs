using System.Globalization;
using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Backtesting;
using StressMargin.Engine;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Backtest;

/// <summary>
/// <c>stressmargin backtest</c>: on each date the margin equals that of a nightly run on the history cut at that date
/// (no look-ahead), the realized loss is the positions' P&amp;L to the close one horizon later, recomputed here from
/// the closes, and exceedances and tests are counted from them.
/// </summary>
public class BacktestTests
{
    private static readonly DateOnly Start = new(2023, 1, 1);
    private const int Rows = 260;

    /// <summary>Daily returns: ±1 % calm, then a spell of ±4 % from row 200 (so that some losses exceed the margin).</summary>
    private static readonly double[][] Returns = MakeReturns();

    private static double[][] MakeReturns()
    {
        var rng = new Random(17);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = new double[Rows];
        var y = new double[Rows];
        for (int t = 1; t < Rows; t++)
        {
            double scale = t is >= 200 and < 215 ? 4.0 : 1.0;
            double a = Gauss(), b = Gauss();
            x[t] = 0.01 * scale * a;
            y[t] = 0.012 * scale * (0.5 * a + 0.866 * b);
        }
        return [x, y];
    }

    private const string Positions = "account_id,instrument_id,quantity\nA,X-PERP,10\nA,USD,50\nB,X-PERP,20\nB,Y-PERP,-10\nC,USD,1000\n";

    private static string Scenario(TempDir dir, string history) => CalibratedScenarios.Linear(dir, history, "2023-09-18T00:00:00Z", Positions,
        "lambda: 0.94\nmin_observations: 60\napc: { buffer: 0.25 }", "X: { calibrate: true, vol_of_vol: 0 }\nY: { calibrate: true, vol_of_vol: 0 }",
        paths: 4000, horizonDays: 1);

    [Fact]
    public void EachDateIsTheNightlyRunOnTheHistoryUpToThatDateAndLossesAreTheRealizedPnl()
    {
        using var dir = new TempDir();
        string history = HistoryFiles.Synthetic(Start, Rows, ["X", "Y"], (c, t) => Returns[c][t]);
        string scenario = Scenario(dir, history);
        var result = CliRunner.Run("backtest", scenario, "--history", dir.File("history.csv"), "--from", "2023-04-01", "--to", "2023-12-31", "--paths", "4000", "--out", dir.File("bt"));
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.Equal(["backtest-report.html", "backtest.csv", "backtest.json", "backtest_daily.csv"], Directory.GetFiles(dir.File("bt")).Select(Path.GetFileName).Order());

        var closes = history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Select(f => (Date: DateOnly.Parse(f[0], CultureInfo.InvariantCulture), X: f[1], Y: f[2])).ToArray();
        var daily = File.ReadAllLines(dir.File("bt/backtest_daily.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        // Dates 2023-04-01 (row 90) … the last with a close one day later (row 258, 2023-09-16): 169 dates × (book + A + B).
        Assert.Equal(169 * 3, daily.Length);
        Assert.Equal(["book", "account", "account"], daily.Take(3).Select(r => r[1]));
        Assert.Equal(["", "A", "B"], daily.Take(3).Select(r => r[2]));
        Assert.Equal("2023-09-16", daily[^1][0]);

        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        // Realized losses from the closes: −Σ w·S_t·(S_{t+1}/S_t − 1), book = net positions (30 X, −10 Y).
        foreach (var r in daily)
        {
            int t = Array.FindIndex(closes, c => c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == r[0]);
            double dx = D(closes[t + 1].X) - D(closes[t].X), dy = D(closes[t + 1].Y) - D(closes[t].Y);
            double loss = r[2] switch { "A" => -10 * dx, "B" => -(20 * dx - 10 * dy), _ => -(30 * dx - 10 * dy) };
            Assert.True(Math.Abs(loss - D(r[6])) <= 1e-12 * Math.Max(1, Math.Abs(loss)), $"{r[0]} {r[2]}: loss {r[6]} vs {loss:R}");
            Assert.Equal(D(r[6]) > D(r[3]) ? "1" : "0", r[7]);
            Assert.Equal(D(r[6]) > D(r[4]) ? "1" : "0", r[8]);
            Assert.Equal(1.25 * Math.Max(D(r[5]), 0), D(r[3]), 1e-9 * Math.Max(D(r[3]), 1));
        }
        Assert.Contains(daily, r => r[7] == "1");   // the volatile spell produces exceedances

        // No look-ahead: on three dates, a nightly run on the history cut at that date, with spots = that close,
        // gives exactly the backtest's IM and VaR for A and B.
        foreach (var date in new[] { "2023-04-01", "2023-07-20", "2023-08-05" })
        {
            using var night = new TempDir();
            int t = Array.FindIndex(closes, c => c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == date);
            string cut = string.Join("\n", history.Split('\n').Take(t + 2)) + "\n";
            string nightly = CalibratedScenarios.Linear(night, cut, closes[t].Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                Positions, "lambda: 0.94\nmin_observations: 60\napc: { buffer: 0.25 }", "X: { calibrate: true, vol_of_vol: 0 }\nY: { calibrate: true, vol_of_vol: 0 }",
                paths: 4000, horizonDays: 1);
            night.Write("spots.csv", $"underlying,spot\nX,{closes[t].X}\nY,{closes[t].Y}\nZ,1\n");
            var run = MarginJob.Run(ScenarioLoader.Load(nightly), new CpuBackend());
            foreach (var account in new[] { "A", "B" })
            {
                var row = daily.Single(r => r[0] == date && r[2] == account);
                var a = run.Accounts.Single(m => m.AccountId == account);
                Assert.Equal(a.InitialMargin, D(row[3]));
                Assert.Equal(a.ValueAtRisk, D(row[4]));
            }
        }

        // backtest.csv: the counts and tests of the daily flags.
        var summary = File.ReadAllLines(dir.File("bt/backtest.csv")).Select(l => l.Split(',')).ToArray();
        Assert.Equal(BacktestOutputsColumns, summary[0]);
        foreach (var s in summary.Skip(1))
        {
            var flags = daily.Where(r => r[2] == s[1]).Select(r => r[7] == "1").ToArray();
            var expected = CoverageTests.Summarize(flags, 0.01);
            Assert.Equal(expected.Observations.ToString(CultureInfo.InvariantCulture), s[2]);
            Assert.Equal(expected.Exceedances.ToString(CultureInfo.InvariantCulture), s[3]);
            Assert.Equal(expected.Kupiec.PValue, D(s[7]), 1e-15);
            Assert.Equal(expected.Christoffersen.PValue, D(s[9]), 1e-15);
        }
        Assert.Equal(["book", "account", "account"], summary.Skip(1).Select(s => s[0]));
        Assert.Contains("accounts without linear positions left out", result.Stdout);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("bt/backtest.json")));
        Assert.Equal(169, json.RootElement.GetProperty("dates").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("accounts_left_out").GetInt32());   // C: cash only
        Assert.Equal(4000, json.RootElement.GetProperty("paths_per_date").GetInt32());
    }

    private static readonly string[] BacktestOutputsColumns = StressMargin.Engine.Backtest.BacktestOutputs.SummaryColumns;

    [Fact]
    public void OptionsAreLeftOutOfTheBookAndSaid()
    {
        // The bad-input fixture: acct-1 holds only a put (and cash), acct-2 a call and a perpetual, acct-3 a future
        // and an ETH perpetual. Its history runs 2026-01-01 … 2026-02-04; horizon 2 days.
        using var f = CalibratedFixture.Create();
        f.Run();
        var result = CliRunner.Run("backtest", f.PathOf(ScenarioFixture.Scenario), "--from", "2026-01-25", "--to", "2026-02-28", "--paths", "1000", "--out", f.OutDir + "-bt");
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.Contains("2 option positions and 1 accounts without linear positions left out", result.Stdout);
        var summary = File.ReadAllLines(Path.Combine(f.OutDir + "-bt", "backtest.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["", "acct-2", "acct-3"], summary.Select(s => s[1]));
        Assert.All(summary, s => Assert.Equal("9", s[2]));   // 2026-01-25 … 2026-02-02 (2026-02-04 is the last close)
        Directory.Delete(f.OutDir + "-bt", recursive: true);
    }

    [Fact]
    public void RealBitcoinAndEtherFortnightRuns()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("backtest", RepoPaths.Combine("scenarios", "crypto-20250212.yaml"), "--from", "2022-11-01", "--to", "2022-11-14", "--paths", "2000", "--out", dir.File("bt"));
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        var book = File.ReadAllLines(dir.File("bt/backtest_daily.csv")).Skip(1).Select(l => l.Split(',')).Where(r => r[1] == "book").ToArray();
        Assert.Equal(14, book.Length);
        // FTX: BTC −14 % on 2022-11-09; the 2-day loss from the close of 11-07 is the fortnight's largest for the (long) book.
        Assert.Equal("2022-11-07", book.MaxBy(r => double.Parse(r[6], CultureInfo.InvariantCulture))![0]);
    }
}
