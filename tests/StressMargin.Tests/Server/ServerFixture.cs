using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.Server;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Server;

/// <summary>A real Kestrel on a free loopback port serving the sample at 20,000 paths, with an HTTP client.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    protected abstract ServerOptions Options { get; }

    public HttpClient Client { get; private set; } = null!;

    public MarginSession FirstSession { get; private set; } = null!;

    public SessionHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(20_000));
        FirstSession = MarginSession.Start(input);
        (_app, Host) = MarginServer.Create(FirstSession, Options);
        await _app.StartAsync();
        string address = MarginServer.Addresses(_app).Single();
        Assert.StartsWith("http://127.0.0.1:", address);
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        if (Options.Token is { } token) Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, string body)
    {
        using var response = await Client.PostAsync(path, Json(body));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>With a bearer token and a 2 MiB body limit.</summary>
public sealed class TokenServerFixture : ServerFixture
{
    public const string Token = "s3cret-token";

    protected override ServerOptions Options => new(["http://127.0.0.1:0"], Token, 2L << 20);
}

/// <summary>Without a token, for the tests that change the state.</summary>
public sealed class OpenServerFixture : ServerFixture
{
    protected override ServerOptions Options => new(["http://127.0.0.1:0"]);
}
