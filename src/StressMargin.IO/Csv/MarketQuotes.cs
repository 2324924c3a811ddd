using StressMargin.Core;

namespace StressMargin.IO.Csv;

/// <summary>A row of <c>spots.csv</c>.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="Spot">Index price, USD, positive.</param>
/// <param name="Source">Where it was read.</param>
public sealed record SpotQuote(string Underlying, double Spot, SourceLocation? Source = null);

/// <summary>A row of <c>forwards.csv</c>.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="ExpiryUtc">Expiry of the future.</param>
/// <param name="Forward">Futures price, USD, positive.</param>
/// <param name="Source">Where it was read.</param>
public sealed record ForwardQuote(string Underlying, DateTimeOffset ExpiryUtc, double Forward, SourceLocation? Source = null);

/// <summary>A row of <c>vol_surface.csv</c>.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="ExpiryUtc">Option expiry.</param>
/// <param name="Strike">Strike, USD, positive.</param>
/// <param name="ImpliedVol">Annualized decimal implied vol, positive.</param>
/// <param name="Source">Where it was read.</param>
public sealed record VolQuote(string Underlying, DateTimeOffset ExpiryUtc, double Strike, double ImpliedVol, SourceLocation? Source = null);
