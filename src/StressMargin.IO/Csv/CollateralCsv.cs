using StressMargin.Core;
using StressMargin.Core.Margin.Collateral;

namespace StressMargin.IO.Csv;

/// <summary>
/// <c>collateral.csv</c> (optional input <c>inputs.collateral</c>): <c>asset,up_to_usd,haircut</c>. One row per band of an
/// asset's haircut schedule, in increasing <c>up_to_usd</c>; the last band of each asset has an empty <c>up_to_usd</c>
/// (unbounded), so an asset with one flat haircut has one row with it empty. Read strictly (docs/formats.md §4.10).
/// </summary>
public static class CollateralCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["asset", "up_to_usd", "haircut"];

    /// <summary>Reads the table.</summary>
    /// <param name="path">File path.</param>
    /// <param name="knownAssets">The assets collateral can be held in: the currencies of cash and the underlyings of spot
    /// instruments in instruments.csv.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InputException">Missing file or column; an unknown asset; a haircut outside [0, 1); a bound that is
    /// not a positive number; bands out of order (a bound not above the previous one, a band after the unbounded one, rows
    /// of an asset not together); an asset whose last band is bounded; an empty table.</exception>
    public static CollateralTable Read(string path, IReadOnlySet<string> knownAssets)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        var tiers = new Dictionary<string, List<HaircutTier>>(StringComparer.Ordinal);
        var lastRow = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        string? current = null;
        while (csv.Read())
        {
            string asset = csv.Required("asset", "an asset: a cash currency or spot underlying of instruments.csv");
            if (!knownAssets.Contains(asset))
                throw new InputException(csv.Location("asset"), $"unknown asset '{asset}' (expected a cash currency or spot underlying of instruments.csv: {string.Join(", ", knownAssets.Order(StringComparer.Ordinal))})");
            if (asset != current && tiers.ContainsKey(asset))
                throw new InputException(csv.Location("asset"), $"tiers out of order: the bands of '{asset}' must be on consecutive rows (it also appears at {lastRow[asset]})");
            current = asset;
            double upTo = csv.OptionalNumber("up_to_usd", "a positive bound in USD of collateral value, or empty for the last band", v => v > 0) ?? double.PositiveInfinity;
            double haircut = csv.Number("haircut", "a haircut in [0, 1) (0.03 for 3 %)", v => v >= 0 && v < 1);
            if (!tiers.TryGetValue(asset, out var list)) tiers[asset] = list = [];
            else if (double.IsPositiveInfinity(list[^1].UpToUsd))
                throw new InputException(csv.Location("up_to_usd"), $"tiers out of order: '{asset}' already has its unbounded last band (empty up_to_usd) at {lastRow[asset]}");
            else if (!(upTo > list[^1].UpToUsd))
                throw new InputException(csv.Location("up_to_usd"), $"tiers out of order: up_to_usd {upTo} of '{asset}' must exceed the previous band's {list[^1].UpToUsd}");
            list.Add(new HaircutTier(upTo, haircut));
            lastRow[asset] = csv.RecordLocation();
        }
        if (tiers.Count == 0) throw new InputException(new SourceLocation(path), "no rows: expected at least one asset with its haircut");
        foreach (var (asset, list) in tiers)
            if (!double.IsPositiveInfinity(list[^1].UpToUsd))
                throw new InputException(lastRow[asset], $"the last band of '{asset}' is bounded (up_to_usd {list[^1].UpToUsd}); leave up_to_usd empty on the last band");
        return new CollateralTable(tiers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<HaircutTier>)kv.Value, StringComparer.Ordinal));
    }
}
