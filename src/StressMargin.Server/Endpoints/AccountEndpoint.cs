using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StressMargin.Core;
using StressMargin.Engine.Session;

namespace StressMargin.Server.Endpoints;

/// <summary><c>GET /accounts/{id}</c>: an account's margin, status and what makes it up.</summary>
internal static class AccountEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    /// <param name="routes">Routes.</param>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/accounts/{id}", Handle)
            .WithName("Account")
            .WithSummary("Margin, status and explanation of one account")
            .WithDescription("The account's margin.csv row on the current snapshot, its add-ons, each position's value and component ES, its five worst stress scenarios and a sentence saying what sets IM and how far spot may move before liquidation.")
            .Produces<AccountJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string id, SessionHost host)
    {
        var session = host.Current;
        if (session.IndexOf(id) < 0)
        {
            try
            {
                session.Account(id, new SourceLocation("accounts/{id}"));
            }
            catch (InputException e)
            {
                return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status404NotFound, title: "unknown account");
            }
        }
        return Results.Json(AccountJson.From(session.Report(id, null), session), Json.Options);
    }
}
