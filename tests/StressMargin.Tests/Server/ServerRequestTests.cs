using System.Net;
using System.Text.Json;
using StressMargin.Engine.Session;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Server;

/// <summary>Requests against a real Kestrel: what-ifs, accounts, bad bodies, unknown accounts, size limit, token, OpenAPI.</summary>
public class ServerRequestTests(TokenServerFixture server) : IClassFixture<TokenServerFixture>
{
    [Fact]
    public async Task WhatIfAnswersWhatTheSessionComputes()
    {
        var (status, body) = await server.PostAsync("/whatif", """{ "account": "directional-021", "trades": [ { "instrument": "ETH-26JUN26-2600-C", "quantity": 100 } ] }""");
        Assert.Equal(200, status);
        var expected = server.FirstSession.WhatIf("directional-021", null, [new Trade("ETH-26JUN26-2600-C", 100)]);
        Assert.Equal(expected.After.InitialMargin, body.GetProperty("after").GetProperty("initial_margin").GetDouble());
        Assert.Equal(expected.Before.InitialMargin, body.GetProperty("before").GetProperty("initial_margin").GetDouble());
        Assert.Equal(expected.Delta.InitialMarginStdError, body.GetProperty("delta").GetProperty("im_std_error").GetDouble());
        Assert.Equal("es", body.GetProperty("delta").GetProperty("driver").GetString());
        Assert.Equal(1, body.GetProperty("snapshot").GetInt64());
        Assert.Equal(20_000, body.GetProperty("paths").GetInt32());
    }

    [Fact]
    public async Task AccountShowsItsMarginRowComponentsAndExplanation()
    {
        var (status, body) = await server.GetAsync("/accounts/iron-condor-004");
        Assert.Equal(200, status);
        var margin = server.FirstSession.Margins[server.FirstSession.IndexOf("iron-condor-004")];
        Assert.Equal(margin.InitialMargin, body.GetProperty("margin").GetProperty("initial_margin").GetDouble());
        Assert.Equal(margin.ReverseStress!.LiquidationSpotMove, body.GetProperty("margin").GetProperty("liquidation_spot_move").GetDouble());
        Assert.Equal(5, body.GetProperty("positions").GetArrayLength());
        double components = body.GetProperty("positions").EnumerateArray().Sum(p => p.GetProperty("component_es").GetDouble());
        Assert.Equal(margin.ExpectedShortfall, components, 1e-9 * Math.Abs(margin.ExpectedShortfall));
        Assert.StartsWith("IM ", body.GetProperty("explanation").GetString());

        // The margin row has margin.csv's columns as members, in file order, with the same add-on split.
        var row = body.GetProperty("margin");
        Assert.Equal(StressMargin.IO.Output.MarginCsv.Columns, row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(margin.AddOnParts!.MarketImpact, row.GetProperty("market_impact").GetDouble());
        Assert.Equal(margin.AddOns, row.GetProperty("liquidity_spread").GetDouble() + row.GetProperty("market_impact").GetDouble() + row.GetProperty("concentration").GetDouble(),
            1e-9 * Math.Max(1, margin.AddOns));
        Assert.Equal(margin.CollateralHaircut, row.GetProperty("collateral_haircut").GetDouble());
    }

    [Theory]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [ { \"instrument\": \"ETH\", \"quantity\": 1 } ", "request body:1:")]
    [InlineData("not json", "request body:1:2: malformed JSON: 'not js")]
    [InlineData("", "request body:1:1: malformed JSON")]
    [InlineData("[1, 2]", "$: expected a JSON object, got an array")]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [ { \"instrument\": \"ETH\", \"quantity\": \"many\" } ] }", "$.trades[0].quantity: expected a finite signed number of contracts, got the string \"many\"")]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [ { \"instrument\": \"ETH\", \"quantity\": 1e400 } ] }", "$.trades[0].quantity: expected a finite signed number of contracts, got 1e400 (not a finite number)")]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [ { \"instrument\": \"ETH\" } ] }", "$.trades[0].quantity: missing member")]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [], \"dry_run\": true }", "$.dry_run: unexpected member 'dry_run' (expected account, trades)")]
    [InlineData("{ \"trades\": [] }", "$.account: missing member; expected an account id")]
    [InlineData("{ \"account\": \"nobody\", \"trades\": [] }", "$.account: unknown account 'nobody':")]
    [InlineData("{ \"account\": \"directional-021\", \"trades\": [ { \"instrument\": \"BTC-1JAN99-1-C\", \"quantity\": 1 } ] }", "$.trades[0].instrument: unknown instrument 'BTC-1JAN99-1-C'")]
    public async Task BadWhatIfIsA400WithALocatedMessage(string request, string message)
    {
        var (status, body) = await server.PostAsync("/whatif", request);
        Assert.Equal(400, status);
        Assert.Contains(message, body.GetProperty("detail").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnknownAccountIsA404()
    {
        var (status, body) = await server.GetAsync("/accounts/nobody");
        Assert.Equal(404, status);
        Assert.Contains("unknown account 'nobody'", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OversizedBodyIsA413AndChangesNothing()
    {
        string chain = new('x', 3 << 20);
        var (status, body) = await server.PostAsync("/market", $$"""{ "deribit_chain": "{{chain}}" }""");
        Assert.Equal(413, status);
        Assert.Contains("larger than the limit of 2,097,152 bytes", body.GetProperty("detail").GetString());
        Assert.Same(server.FirstSession, server.Host.Current);
    }

    [Fact]
    public async Task EveryRequestButHealthNeedsTheToken()
    {
        using var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using (var health = await anonymous.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var r = await anonymous.PostAsync("/whatif", ServerFixture.Json("""{ "account": "directional-021", "trades": [] }""")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("Bearer", r.Headers.WwwAuthenticate.Single().Scheme);
        }
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        using (var r = await anonymous.GetAsync("/accounts/directional-021")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await anonymous.GetAsync(StressMargin.Server.MarginServer.OpenApiPath)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", TokenServerFixture.Token);
        using (var r = await anonymous.GetAsync("/accounts/directional-021")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task HealthAndTheOpenApiDocument()
    {
        var (status, health) = await server.GetAsync("/health");
        Assert.Equal(200, status);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(305, health.GetProperty("accounts").GetInt32());
        Assert.Equal(8L * 216 * 20_000, health.GetProperty("cache_bytes").GetInt64());

        var (docStatus, doc) = await server.GetAsync(StressMargin.Server.MarginServer.OpenApiPath);
        Assert.Equal(200, docStatus);
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var (path, verb) in new[] { ("/whatif", "post"), ("/accounts/{id}", "get"), ("/market", "post"), ("/positions", "post"), ("/health", "get") })
            Assert.True(paths.GetProperty(path).TryGetProperty(verb, out _), $"{verb} {path}");
        string text = doc.GetRawText();
        Assert.Contains("initial_margin", text); // the schemas use the snake_case names of the bodies
        Assert.Contains("im_std_error_independent", text);
    }
}
