using StressMargin.Core;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.Deribit;

namespace StressMargin.Engine.Session;

/// <summary>
/// New market data for a warm session: a Deribit option-chain snapshot in the importer's format (docs/formats.md §8),
/// or any of spots, forwards, implied vols and quotes in the formats of §4.3–4.5 and §4.8. The text of each part is
/// read with the file readers, so a bad cell gets the same message as in a file, located at the part's name
/// (<c>spots:3:2: spot: expected a positive price in USD, got '-1'</c>).
/// </summary>
/// <param name="Source">What the update was, in words (for the session's description).</param>
/// <param name="AsOf">The new valuation instant, or null to keep the current one.</param>
/// <param name="Spots">Spot rows, or null to keep every spot.</param>
/// <param name="Forwards">Forward nodes, or null to keep every curve.</param>
/// <param name="Vols">Implied vols, or null to keep every surface.</param>
/// <param name="Quotes">Bid and ask (USD per unit) by instrument, merged into the current quotes; null keeps them.</param>
public sealed record MarketUpdate(
    string Source,
    DateTimeOffset? AsOf,
    IReadOnlyList<SpotQuote>? Spots,
    IReadOnlyList<ForwardQuote>? Forwards,
    IReadOnlyList<VolQuote>? Vols,
    IReadOnlyDictionary<string, (double Bid, double Ask)>? Quotes)
{
    /// <summary>Open interest and 24-hour volume by instrument, merged into the current depth (market-impact add-on); null keeps it.</summary>
    public IReadOnlyDictionary<string, Core.Margin.AddOns.InstrumentDepth>? Depth { get; init; }

    /// <summary>An update from a Deribit option-chain snapshot: its as_of, spots, forwards and vols replace those of
    /// its currencies; its bid/ask quotes and its options' open interest and volume replace those of the instruments of
    /// instruments.csv it has.</summary>
    /// <param name="chainCsv">The snapshot's CSV text.</param>
    /// <param name="label">Name of the part in messages, e.g. <c>deribit_chain</c>.</param>
    /// <param name="instrumentIds">The scenario's instrument ids (quotes of others are ignored).</param>
    /// <returns>The update.</returns>
    /// <exception cref="InputException">A malformed snapshot, located at <paramref name="label"/>.</exception>
    public static MarketUpdate FromDeribitChain(string chainCsv, string label, IReadOnlySet<string> instrumentIds)
    {
        var import = ReadText(chainCsv, label, path => DeribitChainImporter.Import(path));
        var quotes = import.Quotes.Where(q => instrumentIds.Contains(q.InstrumentId)).ToDictionary(q => q.InstrumentId, q => (q.Bid, q.Ask), StringComparer.Ordinal);
        var depth = (import.Depth ?? []).Where(d => instrumentIds.Contains(d.InstrumentId))
            .ToDictionary(d => d.InstrumentId, d => new Core.Margin.AddOns.InstrumentDepth(d.OpenInterest, d.Volume24h), StringComparer.Ordinal);
        return new MarketUpdate($"Deribit chain of {IsoTime.Format(import.AsOf)} ({import.OptionRows:N0} options)", import.AsOf, import.Spots, import.Forwards, import.Vols, quotes)
        {
            Depth = depth,
        };
    }

    /// <summary>An update from CSV texts in the engine's market formats; each part is optional.</summary>
    /// <param name="asOf">New as_of, or null to keep it.</param>
    /// <param name="spots">spots.csv text, or null.</param>
    /// <param name="forwards">forwards.csv text, or null.</param>
    /// <param name="vols">vol_surface.csv text, or null.</param>
    /// <param name="quotes">quotes.csv text, or null.</param>
    /// <param name="instrumentIds">The scenario's instrument ids (a quote of another is an error).</param>
    /// <returns>The update.</returns>
    /// <exception cref="InputException">A malformed part, located at its name (<c>spots</c>, <c>forwards</c>,
    /// <c>vol_surface</c>, <c>quotes</c>), or no part at all.</exception>
    public static MarketUpdate FromCsv(DateTimeOffset? asOf, string? spots, string? forwards, string? vols, string? quotes, IReadOnlySet<string> instrumentIds)
    {
        if (spots is null && forwards is null && vols is null && quotes is null && asOf is null)
            throw new InputException(null, "the update names no market data (expected deribit_chain, or any of as_of, spots, forwards, vol_surface, quotes)");
        var parts = new[] { ("spots", spots), ("forwards", forwards), ("vol_surface", vols), ("quotes", quotes) }.Where(p => p.Item2 is not null).Select(p => p.Item1);
        return new MarketUpdate(
            $"market update ({string.Join(", ", asOf is null ? parts : parts.Prepend("as_of"))})",
            asOf,
            spots is null ? null : ReadText(spots, "spots", MarketCsv.ReadSpots).Select(r => r with { Source = Relabel(r.Source, "spots") }).ToArray(),
            forwards is null ? null : ReadText(forwards, "forwards", MarketCsv.ReadForwards).Select(r => r with { Source = Relabel(r.Source, "forwards") }).ToArray(),
            vols is null ? null : ReadText(vols, "vol_surface", MarketCsv.ReadVols).Select(r => r with { Source = Relabel(r.Source, "vol_surface") }).ToArray(),
            quotes is null ? null : ReadText(quotes, "quotes", path => QuotesCsv.Read(path, instrumentIds)));
    }

    /// <summary>Reads a text with a file reader through a private temporary file, naming the part in messages.</summary>
    private static T ReadText<T>(string text, string label, Func<string, T> read)
    {
        string dir = Path.Combine(Path.GetTempPath(), "stressmargin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, label + ".csv");
        try
        {
            File.WriteAllText(path, text);
            return read(path);
        }
        catch (InputException e) when (e.Location?.File == path)
        {
            throw new InputException(Relabel(e.Location, label), e.Detail);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SourceLocation? Relabel(SourceLocation? location, string label) => location is null ? null : location with { File = label };
}
