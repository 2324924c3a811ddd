using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Engine.Session;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Server.Endpoints;

/// <summary><c>POST /market</c>: new market data; every account is re-margined on freshly simulated paths.</summary>
internal static class MarketEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    /// <param name="routes">Routes.</param>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/market", Handle)
            .WithName("Market")
            .WithSummary("Replace market data and re-margin every account")
            .WithDescription("Either deribit_chain (a Deribit option-chain snapshot as CSV text, the importer's format; its as_of, spots, forwards, vols and quotes replace those of its currencies) or any of as_of, spots, forwards, vol_surface, quotes (CSV texts in the engine's formats; each replaces the rows of the underlyings it names). Answers the accounts whose status changed.")
            .Accepts<MarketRequest>("application/json")
            .Produces<MarketJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> Handle(HttpRequest request, SessionHost host, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
    {
        var body = await RequestBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        RequestBody.OnlyMembers(body, "$", "deribit_chain", "as_of", "spots", "forwards", "vol_surface", "quotes");
        string? chain = RequestBody.OptionalString(body, "$", "deribit_chain", "a Deribit option-chain snapshot as CSV text");
        string? asOfText = RequestBody.OptionalString(body, "$", "as_of", "an ISO 8601 UTC instant such as 2026-02-05T15:51:32Z");
        string? spots = RequestBody.OptionalString(body, "$", "spots", "spots.csv text");
        string? forwards = RequestBody.OptionalString(body, "$", "forwards", "forwards.csv text");
        string? vols = RequestBody.OptionalString(body, "$", "vol_surface", "vol_surface.csv text");
        string? quotes = RequestBody.OptionalString(body, "$", "quotes", "quotes.csv text");
        DateTimeOffset? asOf = null;
        if (asOfText is not null)
            asOf = IsoTime.TryParseUtc(asOfText, out var t) ? t : throw new InputException(RequestBody.At("$", "as_of"), $"expected an ISO 8601 UTC instant such as 2026-02-05T15:51:32Z, got '{asOfText}'");
        if (chain is not null && (asOf is not null || spots is not null || forwards is not null || vols is not null || quotes is not null))
            throw new InputException(RequestBody.At("$", "deribit_chain"), "a chain snapshot carries its own as_of, spots, forwards, vols and quotes: send it alone");

        var ids = host.Current.InstrumentIds;
        var update = chain is not null ? MarketUpdate.FromDeribitChain(chain, "$.deribit_chain", ids) : MarketUpdate.FromCsv(asOf, spots, forwards, vols, quotes, ids);
        var (session, changed) = await host.UpdateAsync(current =>
        {
            var (next, changes) = current.WithMarket(update, lifetime.ApplicationStopping);
            return (next, (next, changes));
        }, request.HttpContext.RequestAborted);
        var byStatus = Enum.GetValues<MarginStatus>().ToDictionary(MarginCsv.StatusName, s => session.Margins.Count(m => m.Status == s));
        return Results.Json(new MarketJson(session.Version, IsoTime.Format(session.Input.Scenario.AsOf), session.MarketSource, session.Margins.Count,
            session.BuildSeconds, byStatus, changed.Select(StatusChangeJson.From).ToArray()), Json.Options);
    }
}
