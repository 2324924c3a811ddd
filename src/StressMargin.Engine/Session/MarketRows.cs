using StressMargin.IO.Csv;
using StressMargin.IO.Scenario;

namespace StressMargin.Engine.Session;

/// <summary>
/// The quote rows a market snapshot is built from (spots, forward nodes, implied vols), kept by a warm session so
/// that an update naming some underlyings can be merged into the rest.
/// </summary>
/// <param name="Spots">spots.csv rows.</param>
/// <param name="Forwards">forwards.csv rows.</param>
/// <param name="Vols">vol_surface.csv rows.</param>
public sealed record MarketRows(IReadOnlyList<SpotQuote> Spots, IReadOnlyList<ForwardQuote> Forwards, IReadOnlyList<VolQuote> Vols)
{
    /// <summary>Reads the scenario's market files.</summary>
    /// <param name="inputs">The scenario's inputs.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="Core.InputException">A malformed file.</exception>
    public static MarketRows Read(ScenarioInputs inputs) => new(
        MarketCsv.ReadSpots(inputs.Spots),
        inputs.Forwards is null ? [] : MarketCsv.ReadForwards(inputs.Forwards),
        inputs.VolSurface is null ? [] : MarketCsv.ReadVols(inputs.VolSurface));

    /// <summary>
    /// Merges an update: for each kind of rows it carries, the rows of every underlying it names replace that
    /// underlying's rows; underlyings it does not name keep theirs.
    /// </summary>
    /// <param name="update">The update.</param>
    /// <returns>The merged rows.</returns>
    public MarketRows Merge(MarketUpdate update) => new(
        Replace(Spots, update.Spots, s => s.Underlying),
        Replace(Forwards, update.Forwards, f => f.Underlying),
        Replace(Vols, update.Vols, v => v.Underlying));

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> current, IReadOnlyList<T>? update, Func<T, string> underlying)
    {
        if (update is null) return current;
        var named = update.Select(underlying).ToHashSet(StringComparer.Ordinal);
        return [.. current.Where(r => !named.Contains(underlying(r))), .. update];
    }
}
