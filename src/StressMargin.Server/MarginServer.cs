using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StressMargin.Core;
using StressMargin.Engine.Session;
using StressMargin.Server.Endpoints;

namespace StressMargin.Server;

/// <summary>
/// The margin service (docs/formats.md §7.9): an ASP.NET Core minimal API on Kestrel around a <see cref="SessionHost"/>.
/// Endpoints: <c>POST /whatif</c>, <c>GET /accounts/{id}</c>, <c>POST /market</c>, <c>POST /positions</c>,
/// <c>GET /health</c> and the OpenAPI document <c>GET /openapi/v1.json</c>. JSON in and out; a bad request gets HTTP 400
/// with the command line's located message as a problem document (RFC 9457, <c>detail</c>); bodies above the limit
/// get 413; with a token, requests without it get 401.
/// </summary>
public static class MarginServer
{
    /// <summary>The OpenAPI document's path.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Builds the service (not started).</summary>
    /// <param name="session">The first snapshot.</param>
    /// <param name="options">Addresses, token, body limit.</param>
    /// <param name="log">Receives one line per request (method, path, status, milliseconds); null for none.</param>
    /// <returns>The application and its session host.</returns>
    /// <exception cref="ArgumentException">An address that is not <c>http://HOST:PORT</c>.</exception>
    public static (WebApplication App, SessionHost Host) Create(MarginSession session, ServerOptions options, TextWriter? log = null)
    {
        foreach (var url in options.UrlsOrDefault)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
                throw new ArgumentException($"--urls: expected http://HOST:PORT such as {ServerOptions.DefaultUrl}, got '{url}' (the service speaks plain HTTP; put a TLS proxy in front of it)", nameof(options));

        // An update's parallel loops hold every pool thread for a second; with the pool's default minimum (one thread
        // per core) a request arriving meanwhile waits for the pool's starvation injection (0.5 s steps). A higher
        // minimum lets the OS time-slice request threads with the update instead.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * Environment.ProcessorCount), io);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. options.UrlsOrDefault]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            j.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "StressMargin margin service";
            doc.Info.Version = Engine.ToolInfo.Version;
            doc.Info.Description = "Expected-Shortfall margin on a warm Monte Carlo session: pre-trade what-if, account margin, market and position updates. "
                + "JSON in and out (snake_case); errors are problem documents whose detail is the command line's located message. "
                + (options.Token is null ? "No authentication is configured." : "Every request except GET /health needs 'Authorization: Bearer TOKEN'.");
            return Task.CompletedTask;
        }));
        var host = new SessionHost(session);
        builder.Services.AddSingleton(host);

        var app = builder.Build();
        if (log is not null)
        {
            var writer = TextWriter.Synchronized(log);
            app.Use(async (context, next) =>
            {
                var clock = Stopwatch.StartNew();
                await next(context);
                writer.WriteLine(FormattableString.Invariant($"{DateTimeOffset.UtcNow:HH:mm:ss} {context.Request.Method} {context.Request.Path} {context.Response.StatusCode} {clock.Elapsed.TotalMilliseconds:F1} ms"));
            });
        }
        if (options.Token is { } token)
        {
            var bearer = new BearerToken(token);
            app.Use(bearer.InvokeAsync);
        }
        app.MapOpenApi(OpenApiPath);
        var api = app.MapGroup("").WithTags("margin").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (InputException e)
            {
                return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status400BadRequest, title: "bad request");
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Problem(detail: $"request body larger than the limit of {options.MaxBodyBytes:N0} bytes (serve --max-body-bytes)", statusCode: e.StatusCode, title: "payload too large");
            }
            catch (BadHttpRequestException e)
            {
                return Results.Problem(detail: e.Message, statusCode: e.StatusCode, title: "bad request");
            }
        });
        WhatIfEndpoint.Map(api);
        AccountEndpoint.Map(api);
        MarketEndpoint.Map(api);
        PositionsEndpoint.Map(api);
        HealthEndpoint.Map(api);
        return (app, host);
    }

    /// <summary>The addresses a started service listens on (with the ports Kestrel picked for port 0).</summary>
    /// <param name="app">A started application.</param>
    /// <returns>Addresses such as <c>http://127.0.0.1:40123</c>.</returns>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>Whether every address binds to the loopback interface only.</summary>
    /// <param name="urls">Addresses.</param>
    /// <returns>True for <c>localhost</c>, 127.0.0.0/8 and [::1].</returns>
    public static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(u =>
        Uri.TryCreate(u, UriKind.Absolute, out var uri)
        && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
