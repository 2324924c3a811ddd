using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.IO;

namespace StressMargin.Server.Endpoints;

/// <summary><c>GET /health</c>: the service is up, and on which snapshot (no token needed).</summary>
internal static class HealthEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    /// <param name="routes">Routes.</param>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/health", Handle)
            .WithName("Health")
            .WithSummary("Liveness and the current snapshot")
            .Produces<HealthJson>();

    private static IResult Handle(SessionHost host)
    {
        var s = host.Current;
        return Results.Json(new HealthJson("ok", ToolInfo.Version, s.Version, s.Input.Scenario.Path, IsoTime.Format(s.Input.Scenario.AsOf), s.MarketSource,
            s.Margins.Count, s.Input.Scenario.Simulation.Paths, s.Input.Plan.InstrumentCount, s.CacheBytes, (DateTimeOffset.UtcNow - host.StartedUtc).TotalSeconds), Json.Options);
    }
}
