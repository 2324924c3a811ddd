using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.IO.Csv;
using StressMargin.IO.Output;
using StressMargin.IO.Plausibility;

namespace StressMargin.IO.Deribit;

/// <summary>What the importer produced from one option-chain snapshot.</summary>
/// <param name="AsOf">Snapshot time, truncated to the second; use it as the scenario's as_of.</param>
/// <param name="Instruments">USD cash, coin spot, perpetuals, dated futures and every option.</param>
/// <param name="Spots">Index price per currency.</param>
/// <param name="Forwards">Forward per currency and expiry.</param>
/// <param name="Vols">Out-of-the-money implied vols per currency, expiry and strike (ACT/365, see the importer).</param>
/// <param name="OptionRows">Option rows read.</param>
/// <param name="RowsWithoutVol">Option rows with no usable implied vol (not used for the surface).</param>
/// <param name="Quotes">Bid and ask in USD per option (coin prices × the row's underlying price), for rows quoting both.</param>
/// <param name="ExpiredRows">Option rows left out because their expiry is not after as_of (they expire as the snapshot is
/// taken; the engine would reject them).</param>
/// <param name="Depth">Open interest and 24-hour volume per option (contracts = coins), from the optional
/// <c>open_interest</c> and <c>volume</c> columns, for rows with at least one of them; null means none.</param>
public sealed record DeribitImport(
    DateTimeOffset AsOf,
    IReadOnlyList<Instrument> Instruments,
    IReadOnlyList<SpotQuote> Spots,
    IReadOnlyList<ForwardQuote> Forwards,
    IReadOnlyList<VolQuote> Vols,
    int OptionRows,
    int RowsWithoutVol,
    IReadOnlyList<(string InstrumentId, double Bid, double Ask)> Quotes,
    int ExpiredRows = 0,
    IReadOnlyList<(string InstrumentId, double? OpenInterest, double? Volume24h)>? Depth = null);

/// <summary>
/// Turns a Deribit option-chain snapshot (the column layout of <c>deribit_options_snapshot_*.csv</c>, documented
/// in docs/formats.md §8) into the engine's input files:
/// <list type="bullet">
/// <item>instruments: every option (European, Black-76 on its expiry's forward, multiplier 1 coin), every dated
/// future that an option expiry references (synthetic <c>SYN.*</c> forwards are not tradable and are skipped), the
/// <c>{COIN}-PERPETUAL</c>, the coin itself as <c>spot</c> (collateral) and <c>USD</c> cash;</item>
/// <item>spots: the median <c>index_price</c> per currency; forwards: the median <c>underlying</c> price per expiry;</item>
/// <item>vol surface: per expiry and strike the out-of-the-money option's mark IV (put below the forward, call at
/// or above it; the other side when that one has no IV). Deribit quotes IV against a 365.25-day year
/// (<c>time_to_maturity</c>); the importer keeps its total variance σ²·T and re-expresses it on the engine's
/// ACT/365 clock from the truncated as_of, σ = σ_Deribit·√(T_Deribit/T_ACT365), so Black-76 on the output
/// reproduces Deribit's mark prices (mark[coin] = Black76(F, K, T, σ, r = 0)/F);</item>
/// <item>quotes: the optional <c>bid_price</c>/<c>ask_price</c> columns (coin) times the row's <c>underlying</c> price, in
/// USD per option, for the liquidity add-on;</item>
/// <item>depth: the optional <c>open_interest</c> and <c>volume</c> (24 hours) columns, in coins = contracts, per option,
/// for the market-impact add-on (the chain has no depth for perpetuals and futures).</item>
/// </list>
/// Deribit options are coin-settled (inverse); the engine values them in USD, which is the same price in USD
/// terms; the coin-denominated P&amp;L of an inverse contract is not modelled.
/// </summary>
public static class DeribitChainImporter
{
    /// <summary>Columns the snapshot must have (others are ignored).</summary>
    public static readonly string[] RequiredColumns =
        ["timestamp", "instrument_name", "underlying", "underlying_name", "option_type", "strike", "expiry_datetime", "time_to_maturity", "implied_volatility", "currency", "index_price"];

    /// <summary>Reads a snapshot.</summary>
    /// <param name="chainPath">Path of the snapshot CSV.</param>
    /// <param name="warnings">Receives warnings on unusual values (docs/formats.md §10); null ignores them.</param>
    /// <returns>The converted data.</returns>
    /// <exception cref="InputException">Missing file or column, unparsable value, empty chain, a value beyond its
    /// plausibility bound (an implied vol in percent, an underlying price far from the index, a strike far from the
    /// index, a <c>time_to_maturity</c> that does not match the expiry).</exception>
    public static DeribitImport Import(string chainPath, InputWarnings? warnings = null)
    {
        using var csv = CsvTableReader.Open(chainPath, RequiredColumns, allowOtherColumns: true);
        var rows = new List<Row>();
        DateTimeOffset? asOf = null;
        while (csv.Read())
        {
            var ts = csv.OptionalTimestamp("timestamp") ?? throw new InputException(csv.Location("timestamp"), "timestamp: expected an ISO 8601 UTC time, got an empty cell");
            if (asOf is null || ts < asOf) asOf = ts;
            string type = csv.Required("option_type", "call or put");
            var right = type switch { "call" => OptionRight.Call, "put" => OptionRight.Put, _ => throw new InputException(csv.Location("option_type"), $"option_type: expected call or put, got '{type}'") };
            var row = new Row(
                Name: csv.Required("instrument_name", "an instrument name"),
                Currency: csv.Required("currency", "BTC or ETH"),
                UnderlyingName: csv.Required("underlying_name", "the underlying future, e.g. BTC-27MAR26"),
                Forward: csv.Number("underlying", "a positive USD price", v => v > 0),
                Index: csv.Number("index_price", "a positive USD price", v => v > 0),
                Right: right,
                Strike: csv.Number("strike", "a positive strike", v => v > 0),
                Expiry: csv.OptionalTimestamp("expiry_datetime") ?? throw new InputException(csv.Location("expiry_datetime"), "expiry_datetime: expected an ISO 8601 UTC time, got an empty cell"),
                DeribitYears: csv.Number("time_to_maturity", "a positive year fraction", v => v > 0),
                ImpliedVol: csv.OptionalNumber("implied_volatility", "a decimal implied vol"),
                Bid: csv.OptionalNumber("bid_price", "a non-negative price in coin", v => v >= 0),
                Ask: csv.OptionalNumber("ask_price", "a non-negative price in coin", v => v >= 0),
                OpenInterest: csv.OptionalNumber("open_interest", "a non-negative open interest in coins", v => v >= 0),
                Volume: csv.OptionalNumber("volume", "a non-negative 24-hour volume in coins", v => v >= 0));
            CheckRow(csv, row, ts, warnings);
            rows.Add(row);
        }
        if (rows.Count == 0 || asOf is null) throw new InputException(new SourceLocation(chainPath), "the chain has no option rows");
        if (rows.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new InputException(new SourceLocation(chainPath), $"instrument '{duplicate.Key}' appears {duplicate.Count()} times; import one snapshot at a time");
        var t0 = new DateTimeOffset(asOf.Value.Ticks - asOf.Value.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        int expired = rows.RemoveAll(r => r.Expiry <= t0);
        if (rows.Count == 0) throw new InputException(new SourceLocation(chainPath), $"every option in the chain expires at or before {IsoTime.Format(t0)}");

        var spots = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SpotQuote(g.Key, Median(g.Select(r => r.Index)))).ToArray();
        var forwards = rows.GroupBy(r => (r.Currency, r.Expiry)).OrderBy(g => g.Key.Currency, StringComparer.Ordinal).ThenBy(g => g.Key.Expiry)
            .Select(g => new ForwardQuote(g.Key.Currency, g.Key.Expiry, Median(g.Select(r => r.Forward)))).ToArray();
        var forwardOf = forwards.ToDictionary(f => (f.Underlying, f.ExpiryUtc), f => f.Forward);

        var vols = new List<VolQuote>();
        int withoutVol = rows.Count(r => r.ImpliedVol is not > 0);
        foreach (var g in rows.GroupBy(r => (r.Currency, r.Expiry, r.Strike)).OrderBy(g => g.Key.Currency, StringComparer.Ordinal).ThenBy(g => g.Key.Expiry).ThenBy(g => g.Key.Strike))
        {
            var outOfTheMoney = g.Key.Strike < forwardOf[(g.Key.Currency, g.Key.Expiry)] ? OptionRight.Put : OptionRight.Call;
            var pick = g.Where(r => r.ImpliedVol is > 0).OrderBy(r => r.Right == outOfTheMoney ? 0 : 1).FirstOrDefault();
            if (pick is null) continue;
            double tAct365 = YearFraction.Between(t0, g.Key.Expiry);
            double vol = pick.ImpliedVol!.Value * Math.Sqrt(pick.DeribitYears / tAct365);
            vols.Add(new VolQuote(g.Key.Currency, g.Key.Expiry, g.Key.Strike, vol));
        }

        var instruments = new List<Instrument> { new("USD", InstrumentKind.Cash, "USD", null, null, null, 1.0) };
        foreach (var s in spots)
        {
            instruments.Add(new Instrument(s.Underlying, InstrumentKind.Spot, s.Underlying, null, null, null, 1.0));
            instruments.Add(new Instrument($"{s.Underlying}-PERPETUAL", InstrumentKind.Perpetual, s.Underlying, null, null, null, 1.0));
        }
        foreach (var f in rows.Where(r => !r.UnderlyingName.StartsWith("SYN.", StringComparison.Ordinal))
                     .GroupBy(r => r.UnderlyingName).Select(g => g.First()).OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Expiry))
            instruments.Add(new Instrument(f.UnderlyingName, InstrumentKind.Future, f.Currency, f.Expiry, null, null, 1.0));
        foreach (var o in rows.OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Expiry).ThenBy(r => r.Strike).ThenBy(r => r.Right))
            instruments.Add(new Instrument(o.Name, InstrumentKind.Option, o.Currency, o.Expiry, o.Strike, o.Right, 1.0));

        var quotes = rows.Where(r => r.Bid is not null && r.Ask is not null && r.Ask >= r.Bid)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (r.Name, r.Bid!.Value * r.Forward, r.Ask!.Value * r.Forward)).ToArray();
        var depth = rows.Where(r => r.OpenInterest is not null || r.Volume is not null)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (r.Name, r.OpenInterest, r.Volume)).ToArray();
        return new DeribitImport(t0, instruments, spots, forwards, vols, rows.Count, withoutVol, quotes, expired, depth);
    }

    /// <summary>Writes instruments.csv, spots.csv, forwards.csv, vol_surface.csv, quotes.csv and depth.csv into a folder, atomically.</summary>
    /// <param name="import">The converted data.</param>
    /// <param name="directory">Destination folder (created if needed).</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="OutputException">The folder cannot be written, or another run holds it.</exception>
    public static IReadOnlyList<string> Write(DeribitImport import, string directory)
    {
        using var folder = OutputFolder.Acquire(directory);
        using var files = new AtomicFileSet(directory);
        files.Write("instruments.csv", p => InstrumentsCsv.Write(p, import.Instruments));
        files.Write("spots.csv", p => MarketCsv.WriteSpots(p, import.Spots));
        files.Write("forwards.csv", p => MarketCsv.WriteForwards(p, import.Forwards));
        files.Write("vol_surface.csv", p => MarketCsv.WriteVols(p, import.Vols));
        files.Write("quotes.csv", p => QuotesCsv.Write(p, import.Quotes));
        files.Write("depth.csv", p => DepthCsv.Write(p, import.Depth ?? []));
        files.Commit();
        return files.FinalPaths.ToArray();
    }

    /// <summary>Plausibility of one chain row (docs/formats.md §10): prices within [1e-8, 1e9] USD, the underlying's
    /// price against the index by tenor, the strike within ×100 of the index, the implied vol a decimal (Deribit's API
    /// gives <c>mark_iv</c> in percent), and <c>time_to_maturity</c> (365.25-day years) within 10 % (or one day) of the
    /// time from the row's timestamp to its expiry.</summary>
    private static void CheckRow(CsvTableReader csv, Row row, DateTimeOffset timestamp, InputWarnings? warnings)
    {
        MarketBounds.Price(row.Index, csv.Location("index_price"), "index_price");
        MarketBounds.Price(row.Forward, csv.Location("underlying"), "underlying");
        MarketBounds.Price(row.Strike, csv.Location("strike"), "strike");
        double years = YearFraction.Between(timestamp, row.Expiry);
        double deribitDays = row.DeribitYears * 365.25, days = years * YearFraction.DaysPerYear;
        if (days > 0 && Math.Abs(deribitDays - days) > Math.Max(1, Bounds.MaxMaturityMismatch * days)) // expired rows are left out later
            throw new InputException(csv.Location("time_to_maturity"), FormattableString.Invariant(
                $"time_to_maturity: {row.DeribitYears} years is {deribitDays:0.##} days, but the row's timestamp is {days:0.##} days before its expiry_datetime (365.25-day years expected)"));
        MarketBounds.Forward(row.Forward, row.Index, Math.Max(years, 0), csv.Location("underlying"), "underlying", warnings);
        MarketBounds.Strike(row.Strike, row.Index, csv.Location("strike"), warnings);
        if (row.ImpliedVol is { } iv && iv > 0) MarketBounds.ImpliedVol(iv, csv.Location("implied_volatility"), "implied_volatility", warnings);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    private sealed record Row(string Name, string Currency, string UnderlyingName, double Forward, double Index, OptionRight Right,
        double Strike, DateTimeOffset Expiry, double DeribitYears, double? ImpliedVol, double? Bid, double? Ask, double? OpenInterest, double? Volume);
}
