using System.Globalization;
using System.Text.Json;
using StressMargin.Cli;
using StressMargin.Tests.Report;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Explain;

/// <summary>
/// explain.csv and the explain command on the sample run (20,000 paths): every account's breakdown sums to its IM, the
/// stress-driven ones' per-position stress losses to the stress loss of stress.csv, the ES-driven ones' components to the
/// ES of margin.csv and the component ES of attribution.csv, the add-on terms to the add-ons and each add-on's terms (liquidity,
/// market impact per bucket, concentration) to its own margin.csv column.
/// </summary>
[Collection(SampleRunCollection.Name)]
public sealed class SampleExplainTests(SampleRun run, ITestOutputHelper output)
{
    private sealed record Row(string Account, string Driver, double Im, string RiskTerm, double RiskAmount, string Scenario, string Term, string Item, double Amount);

    private static double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static Row[] ExplainRows(string file)
    {
        var lines = File.ReadAllLines(file);
        Assert.Equal("account_id,im_driver,initial_margin,risk_term,risk_term_amount,scenario,term,item,amount", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(c => new Row(c[0], c[1], N(c[2]), c[3], N(c[4]), c[5], c[6], c[7], c[8] == "" ? 0 : N(c[8]))).ToArray();
    }

    private Dictionary<string, Dictionary<string, string>> MarginRows()
    {
        var (header, rows) = run.Margin();
        return rows.ToDictionary(r => r[0], r => header.Zip(r).ToDictionary(x => x.First, x => x.Second));
    }

    /// <summary>Σ in order with a compensated (Neumaier) sum, so the test adds no rounding of its own.</summary>
    private static double Sum(IEnumerable<double> values)
    {
        double sum = 0, c = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            c += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + c;
    }

    [Fact]
    public void EveryAccountsBreakdownSumsToItsInitialMargin()
    {
        var rows = ExplainRows(run.File("explain.csv"));
        var margin = MarginRows();
        var byAccount = rows.GroupBy(r => r.Account).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(margin.Keys.Order(), byAccount.Keys.Order());
        var stressCsv = File.ReadAllLines(run.File("stress.csv")).Skip(1).Select(l => l.Split(',')).ToLookup(c => (c[0], c[1]));
        var attribution = File.ReadAllLines(run.File("attribution.csv")).Skip(1).Select(l => l.Split(',')).ToLookup(c => c[0]);
        double worstIm = 0, worstStress = 0;
        int stressDriven = 0, esDriven = 0, withImpact = 0, impactBuckets = 0;
        foreach (var (id, terms) in byAccount)
        {
            var m = margin[id];
            double im = N(m["initial_margin"]);
            Assert.Equal(im, terms[0].Im);
            Assert.Equal(m["im_driver"], terms[0].Driver);
            double err = Math.Abs(Sum(terms.Select(t => t.Amount)) - im);
            Assert.True(err <= 1e-9 * Math.Max(im, 1), $"{id}: terms sum to {Sum(terms.Select(t => t.Amount)):R}, IM {im:R}");
            worstIm = Math.Max(worstIm, err / Math.Max(im, 1));

            double addOns = Sum(terms.Where(t => t.Term is "liquidity" or "market_impact" or "concentration").Select(t => t.Amount));
            Assert.True(Math.Abs(addOns - N(m["addons"])) <= 1e-9 * Math.Max(1, N(m["addons"])), $"{id}: add-on terms {addOns} vs addons {m["addons"]}");
            // Each add-on's terms sum to its own margin.csv column (liquidity per position, market impact per bucket, concentration per underlying).
            foreach (var (term, column) in new[] { ("liquidity", "liquidity_spread"), ("market_impact", "market_impact"), ("concentration", "concentration") })
            {
                double part = Sum(terms.Where(t => t.Term == term).Select(t => t.Amount)), expected = N(m[column]);
                Assert.True(Math.Abs(part - expected) <= 1e-9 * Math.Max(1, expected), $"{id}: {term} terms {part:R} vs {column} {expected:R}");
            }
            impactBuckets += terms.Count(t => t.Term == "market_impact");
            if (N(m["market_impact"]) > 0) withImpact++;

            if (terms[0].RiskTerm == "stress")
            {
                stressDriven += m["im_driver"] == "stress" ? 1 : 0;
                var positions = terms.Where(t => t.Term == "stress").ToArray();
                Assert.NotEmpty(positions);
                Assert.Equal(m["worst_scenario"], terms[0].Scenario);
                double stressLoss = N(m["stress_loss"]);
                // stress.csv is the book-level evaluation: −weight × the account's P&L under the worst scenario.
                var pnl = stressCsv[(id, terms[0].Scenario)].Single();
                double fromStressCsv = -N(pnl[3]) * N(pnl[2]);
                double sum = Sum(positions.Select(t => t.Amount));
                double e = Math.Abs(sum - stressLoss);
                Assert.True(e <= 1e-9 * Math.Max(1, Math.Abs(stressLoss)), $"{id}: per-position stress losses sum to {sum:R}, stress_loss {stressLoss:R}");
                Assert.True(Math.Abs(sum - fromStressCsv) <= 1e-9 * Math.Max(1, Math.Abs(stressLoss)), $"{id}: {sum:R} vs stress.csv {fromStressCsv:R}");
                worstStress = Math.Max(worstStress, e / Math.Max(1, Math.Abs(stressLoss)));
            }
            else if (terms[0].RiskTerm == "es")
            {
                esDriven++;
                var components = terms.Where(t => t.Term == "component_es").ToArray();
                double es = N(m["es"]);
                Assert.True(Math.Abs(Sum(components.Select(t => t.Amount)) - es) <= 1e-9 * Math.Max(1, Math.Abs(es)), $"{id}: components vs es {es}");
                var fromAttribution = attribution[id].Where(c => components.Any(t => t.Item == c[1])).Select(c => N(c[4])).ToArray();
                Assert.Equal(components.Select(t => t.Amount), fromAttribution);
            }
        }
        output.WriteLine($"{byAccount.Count} accounts, {stressDriven} stress-driven, {esDriven} with the ES term largest, {withImpact} with market impact ({impactBuckets} bucket terms); largest |Σ terms − IM| / IM {worstIm:E2}, |Σ stress terms − stress loss| / loss {worstStress:E2}");
        Assert.True(stressDriven > 150, $"only {stressDriven} stress-driven accounts");
        Assert.True(esDriven > 50, $"only {esDriven} ES accounts");
        // The sample turns market impact on: most accounts with risky positions pay it, in at least one bucket each.
        Assert.True(withImpact > 150, $"only {withImpact} accounts with market impact");
        Assert.True(impactBuckets >= withImpact, $"{impactBuckets} market-impact terms for {withImpact} accounts");
    }

    [Fact]
    public void ExplainPrintsTheRunsBreakdownAndWritesExplainJson()
    {
        using var dir = new TempDir();
        string outDir = dir.File("run");
        Directory.CreateDirectory(outDir);
        foreach (var f in new[] { "explain.csv", "margin.csv", "manifest.json" }) File.Copy(run.File(f), Path.Combine(outDir, f));
        string account = StressDrivenAccount();
        var result = CliRunner.Run("explain", RepoPaths.SampleScenario, account, "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        double im = N(MarginRows()[account]["initial_margin"]);
        Assert.Contains(im.ToString("#,0.00", CultureInfo.InvariantCulture), result.Stdout);
        Assert.Contains("deribit", result.Stdout);
        Assert.Contains(Path.Combine(outDir, "explain.csv"), result.Stdout.Replace("\n", "").Replace(" ", ""));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "explain.json")));
        var root = json.RootElement;
        Assert.Equal(account, root.GetProperty("account").GetString());
        Assert.Equal("stress", root.GetProperty("im_driver").GetString());
        Assert.Equal(im, root.GetProperty("initial_margin").GetDouble());
        var fromCsv = ExplainRows(run.File("explain.csv")).Where(r => r.Account == account).Select(r => (r.Term, r.Item, r.Amount)).ToArray();
        var fromJson = root.GetProperty("terms").EnumerateArray().Select(t => (t.GetProperty("term").GetString()!, t.GetProperty("item").GetString() ?? "", t.GetProperty("amount").GetDouble())).ToArray();
        Assert.Equal(fromCsv, fromJson);
        Assert.True(Math.Abs(root.GetProperty("sum_of_terms").GetDouble() - im) <= 1e-9 * im);
    }

    [Fact]
    public void ExplainingAnAccountAloneReproducesTheRun()
    {
        var all = ExplainRows(run.File("explain.csv"));
        foreach (string account in new[] { StressDrivenAccount(), all.First(r => r.Driver == "es").Account })
        {
            using var dir = new TempDir();
            string outDir = dir.File("alone");
            var result = CliRunner.Run("explain", RepoPaths.SampleScenario, account, "--out", outDir, "--paths", SampleRun.Paths.ToString(CultureInfo.InvariantCulture));
            Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
            Assert.Contains("simulated alone", result.Stdout);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "explain.json")));
            var fromJson = json.RootElement.GetProperty("terms").EnumerateArray().Select(t => (t.GetProperty("term").GetString()!, t.GetProperty("item").GetString() ?? "", t.GetProperty("amount").GetDouble())).ToArray();
            var fromRun = all.Where(r => r.Account == account).Select(r => (r.Term, r.Item, r.Amount)).ToArray();
            // The same paths (Philox keyed by seed and path index), the same revaluation and the same sums: equal bit for bit.
            Assert.Equal(fromRun, fromJson);
            Assert.Equal(all.First(r => r.Account == account).Im, json.RootElement.GetProperty("initial_margin").GetDouble());
        }
    }

    [Fact]
    public void AnUnknownAccountIsALocatedInputErrorAndWritesNothing()
    {
        using var dir = new TempDir();
        string outDir = dir.File("none");
        var result = CliRunner.Run("explain", RepoPaths.SampleScenario, "no-such-account", "--out", outDir);
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.Contains("unknown account 'no-such-account'", result.Stderr);
        Assert.Contains("positions.csv has no such account (305 accounts", result.Stderr);
        Assert.False(File.Exists(Path.Combine(outDir, "explain.json")));
    }

    private string StressDrivenAccount() => MarginRows().First(kv => kv.Value["im_driver"] == "stress" && kv.Key.StartsWith("covered-call", StringComparison.Ordinal)).Key;
}
