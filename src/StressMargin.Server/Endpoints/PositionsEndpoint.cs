using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StressMargin.Engine.Session;

namespace StressMargin.Server.Endpoints;

/// <summary><c>POST /positions</c>: replace one account's positions.</summary>
internal static class PositionsEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    /// <param name="routes">Routes.</param>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/positions", Handle)
            .WithName("Positions")
            .WithSummary("Replace an account's positions")
            .WithDescription("The account's positions become the given list (a new id adds the account, an empty list removes it) and the account is re-margined. When the book still holds the same underlyings the warm paths are kept; otherwise the factor model changes and every account is simulated again.")
            .Accepts<PositionsRequest>("application/json")
            .Produces<PositionsJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> Handle(HttpRequest request, SessionHost host, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
    {
        var body = await RequestBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        RequestBody.OnlyMembers(body, "$", "account", "positions");
        string account = RequestBody.RequiredString(body, "$", "account", "an account id");
        var positions = WhatIfEndpoint.ReadQuantities(body, "positions");
        var (session, change) = await host.UpdateAsync(current =>
        {
            var (next, c) = current.WithPositions(account, positions, lifetime.ApplicationStopping);
            return (next, (next, c));
        }, request.HttpContext.RequestAborted);
        return Results.Json(new PositionsJson(session.Version, account,
            change.Before is null ? null : MarginRowJson.From(change.Before), change.After is null ? null : MarginRowJson.From(change.After),
            change.Before?.Status != change.After?.Status, session.BuildSeconds), Json.Options);
    }
}
