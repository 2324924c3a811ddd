using System.Globalization;
using StressMargin.Core;
using StressMargin.Core.Stress;
using StressMargin.IO.Csv;
using StressMargin.IO.Files;
using StressMargin.IO.Plausibility;
using StressMargin.IO.Scenario;

namespace StressMargin.IO.Stress;

/// <summary>
/// Reads a stress scenario file (<c>scenarios/stress/*.yaml</c>; schema in docs/formats.md §9) strictly: an
/// unknown or duplicate key, a wrong type or an out-of-range value is an <see cref="InputException"/> at
/// <c>file:line:column</c>. A file may combine explicit <c>scenarios</c>, <c>grid</c>s, <c>span</c> tables,
/// <c>surface</c> replays and <c>historical</c> replays; relative paths resolve against the file's folder.
/// </summary>
public static class StressFileReader
{
    private static readonly string[] RootKeys = ["description", "scenarios", "grid", "span", "surface", "historical"];
    private static readonly string[] ScenarioKeys = ["name", "weight", "moves"];
    private static readonly string[] MoveKeys = ["spot_move", "vol_shift", "skew_tilt", "basis", "funding_8h"];
    private static readonly string[] BasisKeys = ["days", "log_change"];
    private static readonly string[] VolShockKeys = ["shift", "term_scaling", "min_vol"];
    private static readonly string[] TermKeys = ["reference_days", "short_power", "long_power", "floor_days"];
    private static readonly string[] GridKeys = ["name", "spot", "vol", "vol_up", "vol_down", "underlyings", "weight"];
    private static readonly string[] SpanKeys = ["name", "price_scan_range", "vol_scan_range", "extreme_multiple", "extreme_weight", "underlyings"];
    private static readonly string[] SurfaceKeys = ["name", "as_of", "spots", "forwards", "vol_surface", "weight"];
    private static readonly string[] HistoricalKeys = ["name", "prices", "calendar", "dates", "window_days", "map", "weight"];

    /// <summary>Reads every scenario of a file, in file order (explicit scenarios, then grids, SPAN tables, surfaces).</summary>
    /// <param name="path">Path of the stress file.</param>
    /// <param name="referencedAt">Where the scenario file names this file (for "not found").</param>
    /// <param name="dataFiles">Receives the absolute paths of the data files read (replay markets, price histories), for the manifest.</param>
    /// <param name="warnings">Receives warnings on unusual moves and replay data (docs/formats.md §10); null ignores them.</param>
    /// <returns>The scenarios.</returns>
    /// <exception cref="InputException">Missing file, syntax error, unknown key, bad value, a move beyond its plausibility
    /// bound, empty file.</exception>
    public static IReadOnlyList<StressScenario> Read(string path, SourceLocation? referencedAt = null, ICollection<string>? dataFiles = null, InputWarnings? warnings = null)
    {
        InputFiles.RequireRegularFile(path, referencedAt, $"stress file not found: {path}");
        var root = new YamlMap(path, ScenarioReader.LoadRoot(path), "", RootKeys);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var list = new List<StressScenario>();
        foreach (var s in root.Maps("scenarios", ScenarioKeys)) list.Add(ReadScenario(s, warnings));
        foreach (var g in root.Maps("grid", GridKeys)) list.AddRange(ReadGrid(g, warnings).Expand(g.Where));
        foreach (var s in root.Maps("span", SpanKeys)) list.AddRange(ReadSpan(s, warnings).Expand(s.Where));
        dataFiles ??= [];
        foreach (var s in root.Maps("surface", SurfaceKeys)) list.Add(ReadSurface(s, folder, dataFiles, warnings));
        foreach (var h in root.Maps("historical", HistoricalKeys)) list.AddRange(ReadHistorical(h, folder, dataFiles, warnings));
        if (list.Count == 0) throw new InputException(root.Where, "the stress file defines no scenarios (expected scenarios, grid, span, surface or historical)");
        return list;
    }

    private static string Name(YamlMap m, string fallback) => m.Scalar("name", "a scenario name") ?? fallback;

    private static double Weight(YamlMap m) =>
        m.Number("weight", "the fraction of the loss counted, in (0, 1]", 1.0, v => v > 0 && v <= 1);

    private static StressScenario ReadScenario(YamlMap s, InputWarnings? warnings)
    {
        string name = s.Scalar("name", "a scenario name") ?? throw new InputException(s.Where, $"missing key '{s.KeyPath("name")}' (every scenario needs a name)");
        var movesMap = s.Map("moves", null) ?? throw new InputException(s.Where, $"missing key '{s.KeyPath("moves")}' (e.g. moves: {{ \"*\": {{ spot_move: -0.3 }} }})");
        var moves = new Dictionary<string, StressMove>(StringComparer.Ordinal);
        foreach (var u in movesMap.Keys) moves[u] = ReadMove(movesMap.Map(u, MoveKeys)!, warnings);
        // An underlying's own entry overrides the '*' entry field by field.
        if (moves.TryGetValue(StressScenario.AllUnderlyings, out var all))
            foreach (var u in movesMap.Keys.Where(u => u != StressScenario.AllUnderlyings))
            {
                var own = movesMap.Map(u, MoveKeys)!;
                moves[u] = new StressMove(
                    own.Has("spot_move") ? moves[u].SpotMove : all.SpotMove,
                    own.Has("vol_shift") ? moves[u].VolShift : all.VolShift,
                    own.Has("skew_tilt") ? moves[u].SkewTilt : all.SkewTilt,
                    own.Has("basis") ? moves[u].Basis : all.Basis,
                    own.Has("funding_8h") ? moves[u].Funding8h : all.Funding8h);
            }
        return new StressScenario(name, Weight(s), moves, null, s.Where);
    }

    private static StressMove ReadMove(YamlMap m, InputWarnings? warnings) => new(
        m.Bounded("spot_move", m.Number("spot_move", "a relative spot move above -1 (e.g. -0.30)", 0.0, v => v > -1), SpotMoveError, SpotMoveWarning, warnings),
        ReadVolShock(m, "vol_shift", warnings),
        m.Bounded("skew_tilt", m.Number("skew_tilt", "a vol change per unit of log-moneyness (e.g. -0.1)", 0.0),
            v => Math.Abs(v) > Bounds.MaxSkewTilt ? $"is the vol change per unit of log-moneyness; {Bounds.Text(v)} adds {Bounds.Percent(Math.Abs(v) * 0.1)} of vol 10 % away from the money (|tilt| at most {Bounds.MaxSkewTilt})" : null,
            v => Math.Abs(v) > Bounds.WarnSkewTilt ? $"{Bounds.Text(v)} is a steep tilt (usual |tilt| at most {Bounds.WarnSkewTilt})" : null, warnings),
        ReadBasis(m),
        m.Number("funding_8h", $"a perpetual funding rate per 8 hours with |rate| at most {Bounds.Text(Bounds.MaxFunding8h)} (0.001 = 0.1 %)", 0.0, v => Math.Abs(v) <= Bounds.MaxFunding8h));

    /// <summary><c>basis: { days: [...], log_change: [...] }</c>: the log-basis change by tenor (docs/formats.md §9).</summary>
    private static BasisShift? ReadBasis(YamlMap m)
    {
        if (m.Map("basis", BasisKeys) is not { } b) return null;
        var days = b.Scalars("days", "a list of tenors in calendar days to expiry, strictly increasing, e.g. [7, 30, 90, 365]")
            ?? throw new InputException(b.Where, $"missing key '{b.KeyPath("days")}' (expected tenors in days, e.g. [7, 30, 90, 365])");
        var change = b.Scalars("log_change", "a list of log-basis changes, one per tenor, e.g. [0.002, -0.004, -0.013]")
            ?? throw new InputException(b.Where, $"missing key '{b.KeyPath("log_change")}' (expected one log-basis change per tenor)");
        if (days.Count == 0) throw new InputException(b.At("days"), $"{b.KeyPath("days")}: expected at least one tenor");
        if (change.Count != days.Count) throw new InputException(b.At("log_change"), $"{b.KeyPath("log_change")}: expected {days.Count} values (one per tenor), got {change.Count}");
        var d = new double[days.Count];
        var c = new double[days.Count];
        for (int i = 0; i < days.Count; i++)
        {
            double previous = i == 0 ? -1 : d[i - 1];
            d[i] = Parse(days[i], "a number of days to expiry ≥ 0, above the previous tenor", v => v >= 0 && v > previous && v <= Bounds.MaxTermDays);
            c[i] = Parse(change[i], $"a log-basis change with |value| at most {Bounds.Text(Bounds.MaxBasisLogChange)} (0.05 = the forward 5 % above the spot move)", v => Math.Abs(v) <= Bounds.MaxBasisLogChange);
        }
        return new BasisShift(d, c);
    }

    private static string? SpotMoveError(double v) => v > Bounds.MaxSpotMove
        ? $"is a relative move; {Bounds.Text(v)} means {Bounds.Percent(v)}{Bounds.PercentSuggestion(v, -0.99, Bounds.WarnSpotMoveHigh)} (at most {Bounds.Text(Bounds.MaxSpotMove)}, i.e. +{Bounds.Percent(Bounds.MaxSpotMove)})"
        : null;

    private static string? SpotMoveWarning(double v) => v > Bounds.WarnSpotMoveHigh || v < Bounds.WarnSpotMoveLow
        ? $"{Bounds.Text(v)} is a move of {(v > 0 ? "+" : "")}{Bounds.Percent(v)}, beyond the usual {Bounds.Percent(Bounds.WarnSpotMoveLow)} … +{Bounds.Percent(Bounds.WarnSpotMoveHigh)}"
        : null;

    private static string? VolShiftError(double v) => v > Bounds.MaxVolShift
        ? $"is a relative vol shift; {Bounds.Text(v)} multiplies vols by {Bounds.Text(1 + v)}{Bounds.PercentSuggestion(v, -0.99, Bounds.WarnVolShift)} (at most {Bounds.Text(Bounds.MaxVolShift)})"
        : null;

    private static string? VolShiftWarning(double v) => v > Bounds.WarnVolShift
        ? $"{Bounds.Text(v)} multiplies vols by {Bounds.Text(1 + v)}, above the usual at most ×{Bounds.Text(1 + Bounds.WarnVolShift)}"
        : null;

    private static VolShock? ReadVolShock(YamlMap m, string key, InputWarnings? warnings)
    {
        var node = m.Value(key);
        if (node is null) return null;
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode)
            return new VolShock(m.Bounded(key, m.Number(key, "a relative vol shift above -1 (0.5 multiplies vols by 1.5) or { shift, term_scaling, min_vol }", valid: v => v > -1), VolShiftError, VolShiftWarning, warnings));
        var v = m.Map(key, VolShockKeys)!;
        TermScaling? term = null;
        if (v.Map("term_scaling", TermKeys) is { } t)
        {
            static string? Power(double p) => Math.Abs(p) > Bounds.MaxTermPower ? $"is the exponent of (reference_days / days to expiry); |power| at most {Bounds.MaxTermPower} (Deribit: 0.3 and 0.13)" : null;
            static string? Days(double d) => d > Bounds.MaxTermDays ? $"is a number of calendar days; at most {Bounds.MaxTermDays} (ten years)" : null;
            term = new TermScaling(
                t.Bounded("reference_days", t.Number("reference_days", "a positive number of days (Deribit: 30)", 30, d => d > 0), Days, null, warnings),
                t.Bounded("short_power", t.Number("short_power", "a power for expiries before the reference (Deribit: 0.3)", 0.3), Power, null, warnings),
                t.Bounded("long_power", t.Number("long_power", "a power for expiries after the reference (Deribit: 0.13)", 0.13), Power, null, warnings),
                t.Bounded("floor_days", t.Number("floor_days", "a positive number of days (e.g. 1)", 1, d => d > 0), Days, null, warnings));
        }
        return new VolShock(
            v.Bounded("shift", v.Number("shift", "a relative vol shift above -1 (0.5 multiplies vols by 1.5)", valid: d => d > -1), VolShiftError, VolShiftWarning, warnings),
            term,
            v.Has("min_vol") ? v.Bounded("min_vol", v.Number("min_vol", "a positive annualized vol (e.g. 0.5)", valid: d => d > 0), YamlBounds.VolError, YamlBounds.HighModelVol, warnings) : null);
    }

    private static IReadOnlyList<string> Underlyings(YamlMap m) =>
        m.Scalars("underlyings", "a list of underlying symbols or \"*\"")?.Select(x => x.Text).ToArray() ?? [StressScenario.AllUnderlyings];

    private static StressGrid ReadGrid(YamlMap g, InputWarnings? warnings)
    {
        var spot = g.Scalars("spot", "[from, to, count], e.g. [-0.16, 0.16, 9]")
            ?? throw new InputException(g.Where, $"missing key '{g.KeyPath("spot")}' (expected [from, to, count], e.g. [-0.16, 0.16, 9])");
        if (spot.Count != 3) throw new InputException(g.At("spot"), $"{g.KeyPath("spot")}: expected three numbers [from, to, count], got {spot.Count}");
        double from = SpotPoint(Parse(spot[0], "a relative spot move above -1", v => v > -1), spot[0].Where, warnings);
        double to = SpotPoint(Parse(spot[1], "a relative spot move above -1, not below 'from'", v => v >= from), spot[1].Where, warnings);
        double count = Parse(spot[2], "a whole number of spot points ≥ 1", v => v >= 1 && v <= 10_000 && v == Math.Floor(v));
        if (count == 1 && to != from) throw new InputException(spot[2].Where, "a single spot point needs from = to");
        var vols = (g.Scalars("vol", "a list of up, none, down") ?? [("none", g.Where)]).Select(v => v.Text switch
        {
            "up" => GridVol.Up,
            "none" => GridVol.None,
            "down" => GridVol.Down,
            _ => throw new InputException(v.Where, $"{g.KeyPath("vol")}: expected up, none or down, got '{v.Text}'"),
        }).ToArray();
        var down = ReadVolShock(g, "vol_down", warnings);
        if (down is not null && down.Shift > 0) throw new InputException(g.At("vol_down"), "vol_down must shift vols down (a negative shift, e.g. -0.25)");
        var up = ReadVolShock(g, "vol_up", warnings);
        if (up is not null && up.Shift < 0) throw new InputException(g.At("vol_up"), "vol_up must shift vols up (a positive shift, e.g. 0.5)");
        return new StressGrid(Name(g, "grid"), from, to, (int)count, vols, up, down, Underlyings(g), Weight(g));
    }

    /// <summary>A grid's spot end point, bounded like a scenario's spot_move.</summary>
    private static double SpotPoint(double v, SourceLocation where, InputWarnings? warnings)
    {
        if (SpotMoveError(v) is { } e) throw new InputException(where, $"grid spot move {e}");
        if (SpotMoveWarning(v) is { } w) warnings?.Add("spot_move", where, $"grid spot move {w}");
        return v;
    }

    private static StressMargin.Core.Stress.SpanScenarios ReadSpan(YamlMap s, InputWarnings? warnings) => new(
        Name(s, "span"),
        s.Number("price_scan_range", "a relative price scan range in (0, 1) (e.g. 0.15)", valid: v => v > 0 && v < 1),
        s.Number("vol_scan_range", "a relative vol scan range in (0, 1) (e.g. 0.25)", valid: v => v > 0 && v < 1),
        s.Bounded("extreme_multiple", s.Number("extreme_multiple", "a positive multiple of the price scan range (SPAN: 2 or 3)", 2.0, v => v > 0),
            v => v > Bounds.MaxExtremeMultiple ? $"is a multiple of the price scan range; at most {Bounds.MaxExtremeMultiple} (SPAN: 2 or 3)" : null,
            v => v > Bounds.WarnExtremeMultiple ? $"{Bounds.Text(v)} is above the usual at most {Bounds.WarnExtremeMultiple} (SPAN: 2 or 3)" : null, warnings),
        s.Number("extreme_weight", "the fraction of the extreme loss counted, in (0, 1] (SPAN: 0.35)", 0.35, v => v > 0 && v <= 1),
        Underlyings(s));

    private static StressScenario ReadSurface(YamlMap s, string folder, ICollection<string> dataFiles, InputWarnings? warnings)
    {
        string name = Name(s, "surface");
        string asOfText = s.Scalar("as_of", "the replay snapshot's ISO 8601 UTC time")
            ?? throw new InputException(s.Where, $"missing key '{s.KeyPath("as_of")}' (the time of the replay snapshot, e.g. 2026-02-05T21:29:37Z)");
        if (!IsoTime.TryParseUtc(asOfText, out var asOf))
            throw new InputException(s.At("as_of"), $"{s.KeyPath("as_of")}: expected an ISO 8601 UTC instant, got '{asOfText}'");
        string File(string key, bool required)
        {
            string? p = s.Scalar(key, "a file path");
            if (p is null) return required ? throw new InputException(s.Where, $"missing key '{s.KeyPath(key)}' (expected a file path)") : "";
            return Path.GetFullPath(Path.Combine(folder, p));
        }
        string spots = File("spots", true), forwards = File("forwards", false), vols = File("vol_surface", false);
        foreach (var f in new[] { spots, forwards, vols }.Where(f => f.Length > 0)) dataFiles.Add(f);
        var market = MarketSnapshotBuilder.Build(asOf, MarketCsv.ReadSpots(spots),
            forwards.Length == 0 ? [] : MarketCsv.ReadForwards(forwards), vols.Length == 0 ? [] : MarketCsv.ReadVols(vols), warnings);
        return new StressScenario(name, Weight(s), new Dictionary<string, StressMove>(), market, s.Where);
    }

    /// <summary>
    /// Historical replay: for each date D, every underlying moves by its price ratio over the window,
    /// P(D)/P(D − w) − 1 = exp(Σ of the window's daily log returns) − 1, with w = <c>window_days</c> rows of the history
    /// (calendar days for a daily history). Columns are underlyings; <c>map: { SOL: BTC }</c> lets an underlying without
    /// its own column move like another. Vols are unchanged.
    /// </summary>
    private static List<StressScenario> ReadHistorical(YamlMap h, string folder, ICollection<string> dataFiles, InputWarnings? warnings)
    {
        string prefix = Name(h, "hist");
        string file = h.Scalar("prices", "a price history file (date column, one column per underlying)")
            ?? throw new InputException(h.Where, $"missing key '{h.KeyPath("prices")}' (a price history file, e.g. ../history/crypto_daily_closes.csv)");
        string? calendarName = h.Scalar("calendar", "daily or business");
        if (!Core.Calibration.HistoryCalendars.TryParse(calendarName, out var calendar))
            throw new InputException(h.At("calendar"), $"{h.KeyPath("calendar")}: expected daily or business, got '{calendarName}'");
        var history = History.HistoryCsv.Read(Path.GetFullPath(Path.Combine(folder, file)), calendar, warnings);
        dataFiles.Add(history.File);
        var scenarios = new List<StressScenario>();
        int window = (int)h.Integer("window_days", "a whole number of history rows ≥ 1 (calendar days for a daily history)", 1, v => v is >= 1 and <= 3660);
        double weight = Weight(h);
        var map = new Dictionary<string, (string Column, SourceLocation Where)>(StringComparer.Ordinal);
        if (h.Map("map", null) is { } m)
            foreach (var u in m.Keys)
            {
                string column = m.Scalar(u, "a column of the price history") ?? "";
                if (history.Series(column) is null)
                    throw new InputException(m.At(u), $"{m.KeyPath(u)}: '{column}' is not a column of {history.File} (columns: {string.Join(", ", history.Columns.Select(c => c.Column))})");
                map[u] = (column, m.At(u));
            }
        var dates = h.Scalars("dates", "a list of dates yyyy-MM-dd")
            ?? throw new InputException(h.Where, $"missing key '{h.KeyPath("dates")}' (e.g. dates: [2020-03-12, 2022-11-09])");
        if (dates.Count == 0) throw new InputException(h.At("dates"), $"{h.KeyPath("dates")}: expected at least one date");
        foreach (var (text, where) in dates)
        {
            if (!IsoTime.TryParseDate(text, out var date))
                throw new InputException(where, $"expected a date yyyy-MM-dd, got '{text}'");
            int row = history.LastRowOnOrBefore(date);
            if (row < 0 || history.Dates[row] != date)
                throw new InputException(where, $"{history.File} has no row for {text}");
            if (row - window < 0)
                throw new InputException(where, $"{text}: a {window}-row window needs {window} earlier row(s) in {history.File}");
            var moves = new Dictionary<string, StressMove>(StringComparer.Ordinal);
            foreach (var series in history.Columns)
            {
                double now = series.Prices[row], before = series.Prices[row - window];
                if (double.IsNaN(now) || double.IsNaN(before)) continue;
                moves[series.Column] = new StressMove(now / before - 1.0);
            }
            foreach (var (u, (column, _)) in map)
                if (moves.TryGetValue(column, out var move)) moves[u] = move;
            scenarios.Add(new StressScenario($"{prefix}/{text}", weight, moves, null, where) { RequiresEveryUnderlying = true });
        }
        return scenarios;
    }

    private static double Parse((string Text, SourceLocation Where) cell, string expected, Func<double, bool> valid) =>
        double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && valid(v)
            ? v : throw new InputException(cell.Where, $"expected {expected}, got '{cell.Text}'");
}
