using StressMargin.Core.Margin;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Session;

/// <summary>
/// The Monte Carlo error of ΔIM on common random numbers: what the batch means report agrees with the spread of ΔES
/// over independent seeds, and is far below the error two independent runs would have.
/// </summary>
public class WhatIfStatisticsTests
{
    [Fact]
    public void CommonPathErrorMatchesTheSpreadOverSeedsAndIsFarBelowTheIndependentError()
    {
        // directional-021 (short 1,170.6 ETH futures; IM set by ES, 7 standard errors above its stress loss, so the ES
        // term binds on every batch): buy 100 calls against it.
        var trades = new[] { new Trade("ETH-26JUN26-2600-C", 100) };
        var deltas = new List<double>();
        var crn = new List<double>();
        var independent = new List<double>();
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(20_000, seed));
            var w = WhatIfJob.Run(input, "directional-021", null, trades);
            Assert.Equal(ImDriver.Es, w.After.Driver);
            Assert.Equal(ImDriver.Es, w.Delta.Driver);
            deltas.Add(w.Delta.ExpectedShortfall);
            crn.Add(w.Delta.EsStdError);
            independent.Add(w.Delta.EsStdErrorIndependent);
            // Independent runs: the two accounts' own es_std_error combined, exactly.
            Assert.Equal(Math.Sqrt(w.Before.EsStdError * w.Before.EsStdError + w.After.EsStdError * w.After.EsStdError), w.Delta.EsStdErrorIndependent, 1e-9);
            // IM is ES × es_multiplier + add-ons here, so its errors are the ES term's.
            Assert.Equal(w.Delta.EsStdError, w.Delta.InitialMarginStdError, 1e-6 * w.Delta.EsStdError);
        }
        double mean = deltas.Average();
        double spread = Math.Sqrt(deltas.Sum(d => (d - mean) * (d - mean)) / (deltas.Count - 1));
        double reported = crn.Average();
        // 8 seeds give the spread to about ±25 % and 20 batches the error to about ±16 %: a factor 2.5 either way is wide.
        Assert.InRange(spread, reported / 2.5, reported * 2.5);
        Assert.True(independent.Average() > 3 * reported, $"independent {independent.Average():F1} vs common {reported:F1}");
    }

    [Fact]
    public void BatchesAreTheTailEstimatorsBatches()
    {
        var rng = new Random(7);
        var losses = Enumerable.Range(0, 30_011).Select(_ => Math.Exp(rng.NextDouble() * 3) * (rng.NextDouble() - 0.3)).ToArray();
        var es = BatchMeans.BatchExpectedShortfalls(losses, 0.99);
        Assert.Equal(20, es.Length);
        Assert.Equal(TailEstimator.Estimate(losses, 0.99, 0.99).EsStdError, BatchMeans.StdError(es));
        Assert.Empty(BatchMeans.BatchExpectedShortfalls(losses.AsSpan(0, 1_999), 0.99)); // k < 20: no error
    }
}

/// <summary>What-if input errors: exit 3 with a located message, nothing simulated.</summary>
public class WhatIfErrorTests
{
    private static CliRunner.Result WhatIf(params string[] args) =>
        CliRunner.Run(["whatif", RepoPaths.SampleScenario, "--paths", "2000", .. args]);

    [Theory]
    [InlineData("--account|nobody|--trade|BTC:1", "--account 'nobody': unknown account 'nobody':")]
    [InlineData("--account|naked-put-001|--trade|BTC-1JAN99-1-C:1", "--trade 'BTC-1JAN99-1-C:1': unknown instrument 'BTC-1JAN99-1-C'")]
    [InlineData("--account|naked-put-001|--trade|BTC:NaN", "--trade 'BTC:NaN': quantity: expected a finite signed number of contracts, got 'NaN'")]
    [InlineData("--account|naked-put-001|--trade|BTC:Infinity", "got 'Infinity'")]
    [InlineData("--account|naked-put-001|--trade|BTC:1e400", "got '1e400'")]
    [InlineData("--account|naked-put-001|--trade|BTC:", "expected INSTRUMENT:QUANTITY")]
    [InlineData("--account|naked-put-001|--trade|BTC", "expected INSTRUMENT:QUANTITY")]
    [InlineData("--account|naked-put-001|--trade|BTC:abc", "got 'abc'")]
    public void BadAccountOrTradeIsAnInputError(string args, string message)
    {
        var r = WhatIf(args.Split('|'));
        Assert.Equal(3, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void TradeOnAnUnderlyingTheBookDoesNotHoldOrAnExpiredOptionIsAnInputError()
    {
        using var dir = new TempDir();
        string scenario = EngineScenarios.Linear(dir, "account_id,instrument_id,quantity\nA,X-PERP,1\nA,USD,10\n", 1000, 0.5, 0.5, 0.2, "normal", 0.99);
        var r = CliRunner.Run("whatif", scenario, "--account", "A", "--trade", "Y-PERP:2");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("--trade 'Y-PERP:2': instrument 'Y-PERP' is on 'Y', which no position of the book holds", r.Stderr);

        dir.Write("instruments.csv", File.ReadAllText(dir.File("instruments.csv")).TrimEnd() + "\nX-OLD,option,X,2025-12-01T08:00:00Z,1,call,1\n");
        r = CliRunner.Run("whatif", scenario, "--account", "A", "--trade", "X-OLD:1");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("--trade 'X-OLD:1': option 'X-OLD' expired", r.Stderr);
    }

    [Fact]
    public void TextAndJsonOutputs()
    {
        var text = WhatIf("--account", "covered-call-001", "--trade", "ETH-20FEB26-2300-C:-30");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("what-if for covered-call-001: ETH-20FEB26-2300-C -30", text.Stdout);
        Assert.Contains("ΔIM ", text.Stdout);
        Assert.Contains("for two independent runs", text.Stdout);

        var json = WhatIf("--account", "covered-call-001", "--trade", "ETH-20FEB26-2300-C:-30", "--output", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        Assert.Equal("covered-call-001", root.GetProperty("account").GetString());
        double before = root.GetProperty("before").GetProperty("initial_margin").GetDouble();
        double after = root.GetProperty("after").GetProperty("initial_margin").GetDouble();
        Assert.Equal(after - before, root.GetProperty("delta").GetProperty("initial_margin").GetDouble());
        Assert.Equal("es", root.GetProperty("delta").GetProperty("driver").GetString());
        Assert.True(root.GetProperty("delta").GetProperty("im_std_error").GetDouble() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("snapshot").ValueKind);
        Assert.Equal(-330.8, root.GetProperty("positions_after")[1].GetProperty("quantity").GetDouble(), 9);
    }
}
