using System.Text.Json;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Server;

/// <summary>Updates against a real Kestrel: what-ifs racing a market update never see half of it; positions; bad market data.</summary>
public class ServerUpdateTests(OpenServerFixture server) : IClassFixture<OpenServerFixture>
{
    [Fact]
    public async Task WhatIfsDuringAMarketUpdateSeeEitherTheOldOrTheNewSnapshotWhole()
    {
        // Bad market data first: 400, located, nothing published.
        var (badStatus, bad) = await server.PostAsync("/market", """{ "spots": "underlying,spot\nBTC,-1\n" }""");
        Assert.Equal(400, badStatus);
        Assert.Equal("spots:2:2: spot: expected a positive price in USD, got '-1'", bad.GetProperty("detail").GetString());
        var (_, mixed) = await server.PostAsync("/market", """{ "deribit_chain": "x", "as_of": "2026-02-05T12:00:00Z" }""");
        Assert.Contains("$.deribit_chain: a chain snapshot carries its own as_of", mixed.GetProperty("detail").GetString());
        long before = server.Host.Current.Version;

        const string account = "short-straddle-001";
        var (_, old) = await server.GetAsync($"/accounts/{account}");
        string chain = File.ReadAllText(RepoPaths.Combine("scenarios", "raw", "deribit_options_snapshot_20260205T212937Z.csv"));
        string body = JsonSerializer.Serialize(new { deribit_chain = chain });
        string whatIf = $$"""{ "account": "{{account}}", "trades": [ { "instrument": "BTC-PERPETUAL", "quantity": 0.5 } ] }""";

        var update = server.PostAsync("/market", body);
        var answers = new List<JsonElement>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        // Four concurrent clients ask what-ifs until a few answers come from the new snapshot (bounded in time).
        var clients = Enumerable.Range(0, 4).Select(async _ =>
        {
            var mine = new List<JsonElement>();
            while (!stop.IsCancellationRequested && (!update.IsCompleted || mine.Count(a => a.GetProperty("snapshot").GetInt64() > before) < 3))
            {
                var (status, answer) = await server.PostAsync("/whatif", whatIf);
                Assert.Equal(200, status);
                mine.Add(answer);
            }
            return mine;
        }).ToArray();
        foreach (var c in clients) answers.AddRange(await c);
        var (marketStatus, market) = await update;
        Assert.Equal(200, marketStatus);
        long after = market.GetProperty("snapshot").GetInt64();
        Assert.Equal(before + 1, after);
        var (_, now) = await server.GetAsync($"/accounts/{account}");

        // Every answer is consistent with one snapshot: its "before" is that snapshot's margin of the account.
        var byVersion = new Dictionary<long, JsonElement> { [before] = old.GetProperty("margin"), [after] = now.GetProperty("margin") };
        var asOf = new Dictionary<long, string> { [before] = "2026-02-05T09:36:47Z", [after] = "2026-02-05T21:29:37Z" };
        foreach (var a in answers)
        {
            long v = a.GetProperty("snapshot").GetInt64();
            Assert.True(byVersion.ContainsKey(v), $"snapshot {v}");
            Assert.Equal(byVersion[v].GetRawText(), a.GetProperty("before").GetRawText());
            Assert.Equal(asOf[v], a.GetProperty("as_of").GetString());
        }
        Assert.Contains(answers, a => a.GetProperty("snapshot").GetInt64() == after);
        Assert.Contains(answers, a => a.GetProperty("snapshot").GetInt64() == before); // asked while the update ran
        Assert.NotEqual(old.GetProperty("margin").GetProperty("initial_margin").GetDouble(), now.GetProperty("margin").GetProperty("initial_margin").GetDouble());

        // The answer lists exactly the accounts whose status changed.
        Assert.Equal("2026-02-05T21:29:37Z", market.GetProperty("as_of").GetString());
        var changed = market.GetProperty("changed").EnumerateArray().ToArray();
        Assert.NotEmpty(changed);
        foreach (var c in changed.Take(5))
        {
            var (_, acc) = await server.GetAsync($"/accounts/{c.GetProperty("account").GetString()}");
            Assert.Equal(c.GetProperty("status_after").GetString(), acc.GetProperty("margin").GetProperty("status").GetString());
            Assert.NotEqual(c.GetProperty("status_before").GetString(), c.GetProperty("status_after").GetString());
        }
        Assert.Equal(305, market.GetProperty("accounts").GetInt32());

        // Replacing an account's positions.
        var (posStatus, pos) = await server.PostAsync("/positions", $$"""{ "account": "{{account}}", "positions": [ { "instrument": "USD", "quantity": 1000000 } ] }""");
        Assert.Equal(200, posStatus);
        Assert.Equal("ok", pos.GetProperty("after").GetProperty("status").GetString());
        Assert.Equal(0.0, pos.GetProperty("after").GetProperty("initial_margin").GetDouble());
        var (_, replaced) = await server.GetAsync($"/accounts/{account}");
        Assert.Equal(1, replaced.GetProperty("positions").GetArrayLength());
        Assert.Equal(after + 1, replaced.GetProperty("snapshot").GetInt64());
        var (badPos, err) = await server.PostAsync("/positions", """{ "account": "x", "positions": [ { "instrument": "USD", "quantity": 1 }, { "instrument": "USD", "quantity": 2 } ] }""");
        Assert.Equal(400, badPos);
        Assert.StartsWith("$.positions[1].instrument: account 'x' holds 'USD' twice", err.GetProperty("detail").GetString());
    }
}
