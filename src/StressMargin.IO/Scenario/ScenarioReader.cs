using System.Globalization;
using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Core.RiskModel;
using StressMargin.IO.Files;
using StressMargin.IO.Plausibility;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StressMargin.IO.Scenario;

/// <summary>
/// Reads a scenario YAML file strictly: an unknown or duplicate key, a wrong type or an out-of-range value is an
/// <see cref="InputException"/> at <c>file:line:column</c>. Relative paths resolve against the file's folder.
/// Defaults (docs/formats.md): paths 100000, seed 1, horizon_days 2, steps 1, distribution normal,
/// vol_dynamics sticky_strike, discount_rate 0, output.dir out; the margin block is read by <see cref="MarginBlockReader"/>
/// and the calibration block's defaults are listed in <see cref="CalibrationReader"/>.
/// </summary>
public static class ScenarioReader
{
    private static readonly string[] RootKeys = ["as_of", "inputs", "simulation", "risk_factors", "correlation", "calibration", "margin", "output"];
    private static readonly string[] InputKeys = ["instruments", "positions", "spots", "forwards", "vol_surface", "quotes", "depth", "collateral"];
    private static readonly string[] SimulationKeys = ["paths", "seed", "horizon_days", "steps", "distribution", "vol_dynamics", "discount_rate"];
    private static readonly string[] DistributionKeys = ["type", "degrees_of_freedom", "days"];
    private static readonly string[] RiskFactorKeys = ["spot_vol", "vol_of_vol", "calibrate", "basis", "funding"];
    private static readonly string[] CorrelationKeys = ["factors", "matrix"];
    private static readonly string[] OutputKeys = ["dir"];

    /// <summary>Default number of paths.</summary>
    public const int DefaultPaths = 100_000;

    /// <summary>Most paths a run may ask for (one loss row must fit a .NET array).</summary>
    public const int MaxPaths = 1_000_000_000;

    /// <summary><c>inputs.depth</c>: one file path or a list of them, resolved against the scenario's folder; empty when absent.</summary>
    private static IReadOnlyList<string> ReadDepthPaths(YamlMap inputs, string folder)
    {
        const string expected = "a depth.csv path or a list of them, e.g. [market/depth.csv, linear_depth.csv]";
        if (!inputs.Has("depth")) return [];
        var texts = inputs.Value("depth") is YamlSequenceNode
            ? inputs.Scalars("depth", expected)!.Select(x => x.Text)
            : [inputs.Scalar("depth", expected)!];
        return texts.Select(t => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, t))).ToArray();
    }

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="warnings">Receives warnings on legal but unusual values (docs/formats.md §10); null ignores them.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="InputException">Missing file, YAML syntax error, unknown or duplicate key, bad value, a value
    /// beyond its plausibility bound.</exception>
    public static ScenarioFile Read(string path, InputWarnings? warnings = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        InputFiles.RequireRegularFile(full, new SourceLocation(path), "scenario file not found");
        var root = new YamlMap(path, LoadRoot(path), "", RootKeys);
        string folder = System.IO.Path.GetDirectoryName(full)!;

        string asOfText = root.Scalar("as_of", "an ISO 8601 UTC instant such as 2026-02-05T09:36:47Z")
            ?? throw new InputException(root.Where, "missing key 'as_of' (expected an ISO 8601 UTC instant such as 2026-02-05T09:36:47Z)");
        if (!IsoTime.TryParseUtc(asOfText, out var asOf))
            throw new InputException(root.At("as_of"), $"as_of: expected an ISO 8601 UTC instant such as 2026-02-05T09:36:47Z, got '{asOfText}'");

        var inputs = root.Map("inputs", InputKeys) ?? throw new InputException(root.Where, "missing key 'inputs' (expected instruments, positions, spots, forwards, vol_surface file paths)");
        string Resolve(string key, bool required)
        {
            string? p = inputs.Scalar(key, "a file path");
            if (p is null)
                return required ? throw new InputException(inputs.Where, $"missing key 'inputs.{key}' (expected a file path)") : "";
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, p));
        }
        var files = new ScenarioInputs(Resolve("instruments", true), Resolve("positions", true), Resolve("spots", true),
            NullIfEmpty(Resolve("forwards", false)), NullIfEmpty(Resolve("vol_surface", false)), NullIfEmpty(Resolve("quotes", false)),
            NullIfEmpty(Resolve("collateral", false)))
        {
            Depth = ReadDepthPaths(inputs, folder),
        };

        // The calibration block (price history, EWMA, anti-procyclicality) is read first: calibrate: keys and
        // distribution: fhs depend on it.
        var calibration = root.Map("calibration", CalibrationReader.CalibrationKeys) is { } cal ? CalibrationReader.Read(cal, folder) : null;

        var sim = root.Map("simulation", SimulationKeys) ?? new YamlMap(path, new YamlMappingNode(), "simulation", SimulationKeys);
        var simulation = new SimulationSettings(
            Paths: (int)sim.Integer("paths", "a whole number of paths between 1 and 1,000,000,000", DefaultPaths, v => v is > 0 and <= MaxPaths),
            Seed: ReadSeed(sim),
            HorizonDays: sim.Bounded("horizon_days", sim.Number("horizon_days", "a positive number of calendar days", 2.0, v => v > 0), HorizonError, HorizonWarning, warnings),
            Steps: (int)sim.Integer("steps", "a whole number of steps ≥ 1", 1, v => v is >= 1 and <= 10_000),
            Distribution: ReadDistribution(sim, calibration is not null),
            VolDynamics: ReadVolDynamics(sim),
            DiscountRate: sim.Bounded("discount_rate", sim.Number("discount_rate", "a continuously compounded annual rate (decimal)", 0.0), RateError, RateWarning, warnings));
        if (simulation.Distribution.Kind == DistributionKind.FilteredHistorical && simulation.Steps != 1)
            throw new InputException(sim.At("steps"), "simulation.steps: filtered historical simulation draws whole days of history; steps must be 1");

        var riskFactors = new Dictionary<string, RiskFactorSpec>(StringComparer.Ordinal);
        var rf = root.Map("risk_factors", null);
        if (rf is not null)
        {
            foreach (var underlying in rf.Keys)
            {
                var entry = rf.Map(underlying, RiskFactorKeys)!;
                var calibrate = CalibrationReader.ReadCalibrate(entry, underlying, calibration);
                string? spotText = entry.Scalar("spot_vol", "an annualized vol (e.g. 0.65) or 'atm'");
                if (calibrate is not null && spotText is not null)
                    throw new InputException(entry.At("spot_vol"), $"risk_factors.{underlying}: spot_vol and calibrate are exclusive (calibrate estimates the spot vol from the price history)");
                if (calibrate is null && spotText is null)
                    throw new InputException(entry.Where, $"missing key 'risk_factors.{underlying}.spot_vol' (expected an annualized vol or 'atm', or calibrate: to estimate it from the price history)");
                double? spotVol = calibrate is not null || spotText == "atm" ? null
                    : entry.Bounded("spot_vol", entry.Number("spot_vol", "an annualized vol (e.g. 0.65) or 'atm'", valid: v => v >= 0), YamlBounds.VolError, SpotVolWarning, warnings);
                double volOfVol = entry.Bounded("vol_of_vol", entry.Number("vol_of_vol", "a non-negative annualized vol of vol (0 switches the vol factor off)", 0.0, v => v >= 0),
                    YamlBounds.VolError, YamlBounds.HighModelVol, warnings);
                var basis = BasisFactorReader.Read(entry, underlying);
                var funding = FundingReader.Read(entry, warnings);
                riskFactors[underlying] = new RiskFactorSpec(underlying, spotVol, volOfVol, entry.Where, calibrate, basis, funding);
            }
        }

        CorrelationSpec? correlation = null;
        var corr = root.Map("correlation", CorrelationKeys);
        if (corr is not null) correlation = ReadCorrelation(corr);

        var (margin, stressFiles) = MarginBlockReader.Read(root, folder, warnings);

        var output = root.Map("output", OutputKeys);
        string outDir = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, output?.Scalar("dir", "a folder path") ?? "out"));

        return new ScenarioFile(full, asOf, files, simulation, riskFactors, rf?.Where ?? new SourceLocation(path), correlation, margin, outDir, calibration)
        {
            StressFiles = stressFiles,
            KeyLocations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal)
            {
                ["simulation.paths"] = sim.At("paths"),
                ["margin.es_confidence"] = root.Map("margin", null)?.At("es_confidence") ?? root.Where,
            },
        };
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string? RateError(double r) => Math.Abs(r) > Bounds.MaxRate
        ? $"is a decimal annual rate; {Bounds.Text(r)} means {Bounds.Percent(r)}{Bounds.PercentSuggestion(r, -Bounds.MaxRate, Bounds.MaxRate)} (|rate| at most {Bounds.Text(Bounds.MaxRate)}, i.e. {Bounds.Percent(Bounds.MaxRate)})"
        : null;

    private static string? RateWarning(double r) => r < Bounds.WarnRateLow || r > Bounds.WarnRateHigh
        ? $"{Bounds.Text(r)} ({Bounds.Percent(r)} a year) is outside the usual {Bounds.Percent(Bounds.WarnRateLow)} … {Bounds.Percent(Bounds.WarnRateHigh)}"
        : null;

    private static string? HorizonError(double d) => d > Bounds.MaxHorizonDays
        ? $"is the margin period of risk in calendar days; {Bounds.Text(d)} days is {(d / 365).ToString("#,0.##", CultureInfo.InvariantCulture)} years (at most {Bounds.MaxHorizonDays} days; margin periods are 1 to 10 days)"
        : null;

    private static string? HorizonWarning(double d) => d < Bounds.WarnHorizonDaysLow || d > Bounds.WarnHorizonDaysHigh
        ? $"{Bounds.Text(d)} days is outside the usual margin period of risk of {Bounds.WarnHorizonDaysLow} to {Bounds.WarnHorizonDaysHigh} days"
        : null;

    private static string? SpotVolWarning(double v) => v < Bounds.WarnVolLow
        ? $"{Bounds.Text(v)} is {Bounds.Percent(v)} a year: the spot hardly moves in the simulation"
        : YamlBounds.HighModelVol(v);

    private static ulong ReadSeed(YamlMap sim)
    {
        string? text = sim.Scalar("seed", "a whole number between 0 and 18446744073709551615");
        if (text is null) return 1;
        return ulong.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v
            : throw new InputException(sim.At("seed"), $"simulation.seed: expected a whole number between 0 and 18446744073709551615, got '{text}'");
    }

    private static ReturnDistribution ReadDistribution(YamlMap sim, bool hasCalibration)
    {
        var node = sim.Value("distribution");
        if (node is null) return ReturnDistribution.Normal;
        YamlMap? d = node is YamlScalarNode ? null : sim.Map("distribution", DistributionKeys);
        string type = d is null ? sim.Scalar("distribution", "normal, student_t or fhs")! : d.Scalar("type", "normal, student_t or fhs")
            ?? throw new InputException(d.Where, "missing key 'simulation.distribution.type' (expected normal, student_t or fhs)");
        var at = d?.At("type") ?? sim.At("distribution");
        if (type != "fhs" && d?.Has("days") == true) throw new InputException(d.At("days"), "days applies only to type: fhs");
        switch (type)
        {
            case "fhs":
                if (!hasCalibration) throw new InputException(at, "fhs (filtered historical simulation) needs a calibration block with a price history (calibration: { history: FILE }) and underlyings with calibrate:");
                if (d?.Has("degrees_of_freedom") == true) throw new InputException(d.At("degrees_of_freedom"), "degrees_of_freedom applies only to type: student_t");
                return ReturnDistribution.FilteredHistorical(d?.Scalar("days", "consecutive or independent") switch
                {
                    null or "consecutive" => FhsDays.Consecutive,
                    "independent" => FhsDays.Independent,
                    var other => throw new InputException(d!.At("days"), $"simulation.distribution.days: expected consecutive (one start date, consecutive days) or independent (each day drawn on its own), got '{other}'"),
                });
            case "normal":
                if (d?.Has("degrees_of_freedom") == true) throw new InputException(d.At("degrees_of_freedom"), "degrees_of_freedom applies only to type: student_t");
                return ReturnDistribution.Normal;
            case "student_t":
                if (d is null) throw new InputException(at, "student_t needs degrees_of_freedom: write { type: student_t, degrees_of_freedom: 4 }");
                return ReturnDistribution.StudentT(d.Number("degrees_of_freedom", "degrees of freedom above 2 and at most 1,000,000 (e.g. 4)", valid: v => v > 2 && v <= 1e6));
            default:
                throw new InputException(at, $"simulation.distribution.type: expected normal, student_t or fhs, got '{type}'");
        }
    }

    private static VolDynamics ReadVolDynamics(YamlMap sim)
    {
        string? text = sim.Scalar("vol_dynamics", "sticky_strike or sticky_moneyness");
        return text switch
        {
            null or "sticky_strike" => VolDynamics.StickyStrike,
            "sticky_moneyness" => VolDynamics.StickyMoneyness,
            _ => throw new InputException(sim.At("vol_dynamics"), $"simulation.vol_dynamics: expected sticky_strike or sticky_moneyness, got '{text}'"),
        };
    }

    private static CorrelationSpec ReadCorrelation(YamlMap corr)
    {
        var factorsNode = corr.Sequence("factors", "a list of factor names such as [BTC.spot, BTC.vol]")
            ?? throw new InputException(corr.Where, "missing key 'correlation.factors' (expected a list such as [BTC.spot, ETH.spot])");
        var factors = new List<FactorId>();
        var factorSources = new List<SourceLocation>();
        foreach (var f in factorsNode.Children)
        {
            factorSources.Add(YamlMap.Location(corr.File, f));
            if (f is not YamlScalarNode s || !FactorId.TryParse(s.Value ?? "", out var id))
                throw new InputException(YamlMap.Location(corr.File, f), $"correlation.factors: expected UNDERLYING.spot, UNDERLYING.vol or UNDERLYING.basisD (a basis bucket), got '{(f as YamlScalarNode)?.Value ?? f.NodeType.ToString()}'");
            factors.Add(id!);
        }
        var matrixNode = corr.Sequence("matrix", "a list of rows, each a list of numbers")
            ?? throw new InputException(corr.Where, "missing key 'correlation.matrix' (expected a list of rows)");
        var rows = new List<IReadOnlyList<double>>();
        var cellSources = new List<IReadOnlyList<SourceLocation>>();
        foreach (var rowNode in matrixNode.Children)
        {
            if (rowNode is not YamlSequenceNode row)
                throw new InputException(YamlMap.Location(corr.File, rowNode), "correlation.matrix: expected each row to be a list of numbers such as [1, 0.9]");
            var values = new List<double>();
            var sources = new List<SourceLocation>();
            cellSources.Add(sources);
            foreach (var cell in row.Children)
            {
                sources.Add(YamlMap.Location(corr.File, cell));
                string text = (cell as YamlScalarNode)?.Value ?? "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new InputException(YamlMap.Location(corr.File, cell), $"correlation.matrix: expected a number, got '{text}'");
                values.Add(v);
            }
            rows.Add(values);
        }
        return new CorrelationSpec(factors, rows, corr.At("matrix"), factorSources, cellSources);
    }

    /// <summary>Longest YAML scalar (a path, a name, a number): 4 Ki characters.</summary>
    public const int MaxScalarChars = 4096;

    /// <summary>Deepest nesting of YAML collections: 32 (the schema needs 6); deeper input would only exhaust the stack.</summary>
    public const int MaxDepth = 32;

    /// <summary>Loads the single YAML document of a file (shared by the scenario and stress readers). The text is bounded
    /// (<see cref="BoundedTextReader"/>, <see cref="MaxScalarChars"/>, <see cref="MaxDepth"/>) before YamlDotNet builds
    /// its node tree; a tab in the indentation is reported at its own line.</summary>
    /// <exception cref="InputException">Unreadable file, a YAML syntax error, a bound exceeded, no or several documents.</exception>
    internal static YamlNode LoadRoot(string path)
    {
        var stream = new YamlStream();
        using var reader = new BoundedTextReader(InputFiles.OpenText(path), path);
        var parser = new TrackingParser(new Parser(reader), path);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // A flow collection still open when the text runs out: point at its '[' or '{', not at the end of the file.
            if (parser.OpenFlow is { } open && new FileInfo(path).Length <= BoundedTextReader.MaxChars && File.ReadAllText(path).TrimEnd().Length <= e.Start.Index)
                throw new InputException(new SourceLocation(path, (int)open.Start.Line, (int)open.Start.Column), $"invalid YAML: this '{open.Bracket}' is never closed (expected '{(open.Bracket == '[' ? ']' : '}')}')");
            // YamlDotNet reports a tab in the indentation at 1:1 or at the end of the previous scalar: find the tab.
            if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndentation(path) is { } tab)
                throw new InputException(tab, "invalid YAML: a tab character in the indentation; YAML indents with spaces only");
            string what = e.Message.StartsWith("Duplicate key", StringComparison.Ordinal) ? $"duplicate key '{e.Message["Duplicate key".Length..].Trim()}'" : $"invalid YAML: {e.Message}";
            throw new InputException(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), what);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 reports some unterminated flow collections this way: point at the innermost '[' or '{'
            // still open, or else at the last good token.
            if (parser.OpenFlow is { } open)
                throw new InputException(new SourceLocation(path, (int)open.Start.Line, (int)open.Start.Column), $"invalid YAML: this '{open.Bracket}' is never closed (expected '{(open.Bracket == '[' ? ']' : '}')}')");
            throw new InputException(new SourceLocation(path, (int)parser.Last.Line, (int)parser.Last.Column), "invalid YAML: unterminated flow collection (a '[' or '{' without its closing bracket?)");
        }
        if (stream.Documents.Count == 0) throw new InputException(new SourceLocation(path), "empty file (expected a YAML mapping)");
        if (stream.Documents.Count > 1)
            throw new InputException(YamlMap.Location(path, stream.Documents[1].RootNode), "the file must hold one YAML document; found a second one (a stray '---'?)");
        return stream.Documents[0].RootNode;
    }

    /// <summary>The first tab in the leading whitespace of a line (the file is already known to be within the bounds).</summary>
    private static SourceLocation? TabIndentation(string path)
    {
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            for (int c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
                if (line[c] == '\t') return new SourceLocation(path, number, c + 1);
        }
        return null;
    }

    /// <summary>A parser wrapper that remembers where the last event started and which collections are open, for
    /// errors YamlDotNet reports without a position.</summary>
    private sealed class TrackingParser(IParser inner, string file) : IParser
    {
        private readonly Stack<(char? Bracket, Mark Start)> _open = new();
        public Mark Last { get; private set; } = Mark.Empty;
        public ParsingEvent? Current => inner.Current;

        /// <summary>The innermost open flow collection ('[' or '{') and where it starts, or null.</summary>
        public (char Bracket, Mark Start)? OpenFlow =>
            _open.FirstOrDefault(o => o.Bracket is not null) is { Bracket: { } b } o ? (b, o.Start) : null;

        public bool MoveNext()
        {
            bool more = inner.MoveNext();
            switch (inner.Current)
            {
                case SequenceStart s: _open.Push((s.Style == SequenceStyle.Flow ? '[' : null, s.Start)); break;
                case MappingStart m: _open.Push((m.Style == MappingStyle.Flow ? '{' : null, m.Start)); break;
                case SequenceEnd or MappingEnd when _open.Count > 0: _open.Pop(); break;
                case YamlDotNet.Core.Events.Scalar { Value.Length: > MaxScalarChars } big:
                    throw new InputException(new SourceLocation(file, (int)big.Start.Line, (int)big.Start.Column),
                        $"a value of {big.Value.Length:N0} characters; values in a scenario or stress file are at most {MaxScalarChars:N0} characters");
            }
            if (_open.Count > MaxDepth && inner.Current is { } deep)
                throw new InputException(new SourceLocation(file, (int)deep.Start.Line, (int)deep.Start.Column),
                    $"collections nested more than {MaxDepth} deep; a scenario or stress file needs at most 6 levels");
            if (inner.Current is not null) Last = inner.Current.Start;
            return more;
        }
    }
}
