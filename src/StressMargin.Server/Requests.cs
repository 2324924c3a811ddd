using StressMargin.Engine.Session;

namespace StressMargin.Server;

/// <summary>Body of <c>POST /whatif</c> (documents the OpenAPI schema; the body is read by <see cref="RequestBody"/>).</summary>
/// <param name="Account">Account id of positions.csv.</param>
/// <param name="Trades">Trades: instrument ids of instruments.csv and signed quantities of contracts.</param>
public sealed record WhatIfRequest(string Account, IReadOnlyList<QuantityJson> Trades);

/// <summary>Body of <c>POST /positions</c>.</summary>
/// <param name="Account">Account id (a new id adds the account).</param>
/// <param name="Positions">Its new positions (an empty list removes the account).</param>
public sealed record PositionsRequest(string Account, IReadOnlyList<QuantityJson> Positions);

/// <summary>Body of <c>POST /market</c>: either <paramref name="DeribitChain"/> alone, or any of the others.</summary>
/// <param name="DeribitChain">A Deribit option-chain snapshot, CSV text in the importer's format.</param>
/// <param name="AsOf">New valuation instant (ISO 8601 UTC), with the CSV parts.</param>
/// <param name="Spots">spots.csv text.</param>
/// <param name="Forwards">forwards.csv text.</param>
/// <param name="VolSurface">vol_surface.csv text.</param>
/// <param name="Quotes">quotes.csv text.</param>
public sealed record MarketRequest(string? DeribitChain, string? AsOf, string? Spots, string? Forwards, string? VolSurface, string? Quotes);
