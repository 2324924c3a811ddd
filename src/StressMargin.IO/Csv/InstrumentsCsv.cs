using StressMargin.Core;
using StressMargin.Core.Instruments;

namespace StressMargin.IO.Csv;

/// <summary>
/// <c>instruments.csv</c>: <c>instrument_id,kind,underlying,expiry,strike,option_type,multiplier</c> (see docs/formats.md).
/// </summary>
public static class InstrumentsCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["instrument_id", "kind", "underlying", "expiry", "strike", "option_type", "multiplier"];
    private static readonly string[] Required = Columns[..6];
    private static readonly string[] Optional = ["multiplier"];

    /// <summary>Reads and validates every instrument.</summary>
    /// <param name="path">File path.</param>
    /// <returns>Instruments in file order.</returns>
    /// <exception cref="InputException">Missing file or column, unknown kind, option without expiry, strike or type,
    /// non-positive strike or multiplier, unparsable date, duplicate id, an option-only field on another kind, an
    /// expiry on a kind that does not expire, cash in a currency other than USD.</exception>
    public static IReadOnlyList<Instrument> Read(string path)
    {
        using var csv = CsvTableReader.Open(path, Required, Optional);
        var list = new List<Instrument>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string id = csv.Required("instrument_id", "an instrument id");
            if (!seen.TryAdd(id, csv.Line))
                throw new InputException(csv.Location("instrument_id"), $"duplicate instrument_id '{id}' (first defined on line {seen[id]})");
            string kindText = csv.Required("kind", "one of cash, spot, future, perpetual, option");
            var kind = ParseKind(kindText) ?? throw new InputException(csv.Location("kind"), $"kind: expected one of cash, spot, future, perpetual, option, got '{kindText}'");
            string underlying = csv.Required("underlying", "an underlying symbol (for cash, the currency)");
            if (kind == InstrumentKind.Cash && underlying != "USD")
                throw new InputException(csv.Location("underlying"), $"underlying: cash must be in USD (all values are in USD; other currencies need FX rates, which this version does not model), got '{underlying}'");
            var expiry = csv.OptionalTimestamp("expiry");
            double? strike = null;
            OptionRight? right = null;
            if (kind is InstrumentKind.Option or InstrumentKind.Future && expiry is null)
                throw new InputException(csv.Location("expiry"), $"expiry: {(kind == InstrumentKind.Option ? "an" : "a")} {KindName(kind)} needs an expiry (ISO 8601 UTC, e.g. 2026-03-27T08:00:00Z)");
            if (kind is not (InstrumentKind.Option or InstrumentKind.Future) && expiry is not null)
                throw new InputException(csv.Location("expiry"), $"expiry: only futures and options expire; leave it empty for a {KindName(kind)}");
            if (kind == InstrumentKind.Option)
            {
                strike = csv.Number("strike", "a positive strike in USD", v => v > 0);
                string rightText = csv.Required("option_type", "call or put");
                right = rightText switch { "call" => OptionRight.Call, "put" => OptionRight.Put, _ => (OptionRight?)null }
                    ?? throw new InputException(csv.Location("option_type"), $"option_type: expected call or put, got '{rightText}'");
            }
            else
            {
                foreach (var column in new[] { "strike", "option_type" })
                    if (csv.Optional(column) is { } text)
                        throw new InputException(csv.Location(column), $"{column}: applies only to options; leave it empty for a {KindName(kind)} (got '{text}')");
            }
            double multiplier = csv.OptionalNumber("multiplier", "a positive number (default 1)", v => v > 0) ?? 1.0;
            var instrument = new Instrument(id, kind, underlying, expiry, strike, right, multiplier, csv.RecordLocation());
            instrument.Validate();
            list.Add(instrument);
        }
        return list;
    }

    /// <summary>Writes instruments.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="instruments">Instruments in the order to write.</param>
    public static void Write(string path, IEnumerable<Instrument> instruments)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var i in instruments)
        {
            w.Field(i.Id).Field(KindName(i.Kind)).Field(i.Underlying)
             .Field(i.ExpiryUtc is { } e ? IsoTime.Format(e) : null)
             .Field(i.Strike)
             .Field(i.Right switch { OptionRight.Call => "call", OptionRight.Put => "put", _ => null })
             .Field(i.Multiplier);
            w.EndRecord();
        }
    }

    /// <summary>The file spelling of a kind.</summary>
    /// <param name="kind">Kind.</param>
    /// <returns>E.g. <c>perpetual</c>.</returns>
    public static string KindName(InstrumentKind kind) => kind.ToString().ToLowerInvariant();

    private static InstrumentKind? ParseKind(string text) => text switch
    {
        "cash" => InstrumentKind.Cash,
        "spot" => InstrumentKind.Spot,
        "future" => InstrumentKind.Future,
        "perpetual" => InstrumentKind.Perpetual,
        "option" => InstrumentKind.Option,
        _ => null,
    };
}
