using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StressMargin.Engine.Session;

namespace StressMargin.Server.Endpoints;

/// <summary><c>POST /whatif</c>: an account's margin before and after hypothetical trades, on the warm paths.</summary>
internal static class WhatIfEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    /// <param name="routes">Routes.</param>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/whatif", Handle)
            .WithName("WhatIf")
            .WithSummary("Margin of one account before and after hypothetical trades")
            .WithDescription("Books the trades into the account (a held instrument changes quantity in place, a new one is appended) and margins both versions on the same simulated paths. The answer carries the margin.csv rows before and after, ΔIM with its driver, and the Monte Carlo standard error of ΔIM on common random numbers next to the error of two independent runs.")
            .Accepts<WhatIfRequest>("application/json")
            .Produces<WhatIfJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> Handle(HttpRequest request, SessionHost host)
    {
        var body = await RequestBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        RequestBody.OnlyMembers(body, "$", "account", "trades");
        string account = RequestBody.RequiredString(body, "$", "account", "an account id");
        var trades = ReadQuantities(body, "trades");
        var session = host.Current;
        var result = session.WhatIf(account, RequestBody.At("$", "account"), trades);
        return Results.Json(WhatIfJson.From(result, session.Input, session.Version), Json.Options);
    }

    /// <summary>An array member of <c>{ instrument, quantity }</c> objects as trades located at their JSON paths.</summary>
    /// <param name="body">The body.</param>
    /// <param name="name">The member.</param>
    /// <returns>The trades.</returns>
    public static IReadOnlyList<Trade> ReadQuantities(System.Text.Json.JsonElement body, string name) =>
        RequestBody.RequiredObjects(body, "$", name).Select(e =>
        {
            RequestBody.OnlyMembers(e.Element, e.Path, "instrument", "quantity");
            string id = RequestBody.RequiredString(e.Element, e.Path, "instrument", "an instrument id of instruments.csv");
            double q = RequestBody.RequiredNumber(e.Element, e.Path, "quantity", "a finite signed number of contracts");
            return new Trade(id, q, RequestBody.At(e.Path, "instrument"));
        }).ToArray();
}
