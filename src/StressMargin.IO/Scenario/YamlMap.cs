using System.Globalization;
using StressMargin.Core;
using YamlDotNet.RepresentationModel;

namespace StressMargin.IO.Scenario;

/// <summary>
/// A YAML mapping read against a fixed set of keys: an unknown key is an error at its position (with a
/// suggestion when a known key is one or two edits away), and every typed accessor reports
/// <c>file:line:column</c>, the dotted key path and what was expected.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    /// <summary>Wraps a node that must be a mapping.</summary>
    /// <param name="file">File path for messages.</param>
    /// <param name="node">The node.</param>
    /// <param name="path">Dotted key path of the node, e.g. <c>simulation</c>; empty for the root.</param>
    /// <param name="allowed">Allowed keys; null allows any key (e.g. the underlyings of risk_factors).</param>
    /// <exception cref="InputException">Not a mapping, a non-scalar key, or an unknown key.</exception>
    public YamlMap(string file, YamlNode node, string path, IReadOnlyList<string>? allowed)
    {
        File = file;
        Path = path;
        Node = node as YamlMappingNode ?? throw new InputException(Location(file, node), $"{Describe(path)}: expected a mapping of keys to values");
        foreach (var (k, v) in Node.Children)
        {
            var key = k as YamlScalarNode ?? throw new InputException(Location(file, k), $"{Describe(path)}: keys must be plain names");
            string name = key.Value ?? "";
            if (allowed is not null && !allowed.Contains(name))
            {
                string? near = Plausibility.Suggest.Nearest(name, allowed);
                throw new InputException(Location(file, key), $"unknown key '{name}' in {Describe(path)}{(near is null ? "" : $" (did you mean '{near}'?)")}; expected one of: {string.Join(", ", allowed)}");
            }
            _entries[name] = (key, v);
        }
    }

    /// <summary>File path.</summary>
    public string File { get; }
    /// <summary>Dotted key path.</summary>
    public string Path { get; }
    /// <summary>The mapping node.</summary>
    public YamlMappingNode Node { get; }
    /// <summary>Position of the mapping.</summary>
    public SourceLocation Where => Location(File, Node);
    /// <summary>Keys in file order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Whether a key is present.</summary>
    /// <param name="key">Key.</param>
    /// <returns>True if present.</returns>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Position of a key's value, or of the mapping when absent.</summary>
    /// <param name="key">Key.</param>
    /// <returns>Location.</returns>
    public SourceLocation At(string key) => _entries.TryGetValue(key, out var e) ? Location(File, e.Value) : Where;

    /// <summary>Dotted path of a key.</summary>
    /// <param name="key">Key.</param>
    /// <returns>E.g. <c>simulation.paths</c>.</returns>
    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The raw value node or null.</summary>
    /// <param name="key">Key.</param>
    /// <returns>Node or null.</returns>
    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>A required value node.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">What the value should be.</param>
    /// <returns>Node.</returns>
    /// <exception cref="InputException">Missing key.</exception>
    public YamlNode Required(string key, string expected) =>
        Value(key) ?? throw new InputException(Where, $"missing key '{KeyPath(key)}' (expected {expected})");

    /// <summary>A scalar's text, or null when the key is absent.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">What the value should be.</param>
    /// <returns>Text or null.</returns>
    /// <exception cref="InputException">The value is not a non-empty scalar.</exception>
    public string? Scalar(string key, string expected)
    {
        var v = Value(key);
        if (v is null) return null;
        if (v is not YamlScalarNode s || string.IsNullOrEmpty(s.Value))
            throw new InputException(Location(File, v), $"{KeyPath(key)}: expected {expected}");
        return s.Value;
    }

    /// <summary>A finite number, or <paramref name="fallback"/> when absent.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">Description, e.g. "a number in (0, 1)".</param>
    /// <param name="fallback">Default; null makes the key required.</param>
    /// <param name="valid">Extra check.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InputException">Missing, unparsable or invalid.</exception>
    public double Number(string key, string expected, double? fallback = null, Func<double, bool>? valid = null)
    {
        string? text = Scalar(key, expected);
        if (text is null) return fallback ?? throw new InputException(Where, $"missing key '{KeyPath(key)}' (expected {expected})");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || (valid is not null && !valid(v)))
            throw new InputException(At(key), $"{KeyPath(key)}: expected {expected}, got '{text}'");
        return v;
    }

    /// <summary>An integer, or <paramref name="fallback"/> when absent.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">Description.</param>
    /// <param name="fallback">Default; null makes the key required.</param>
    /// <param name="valid">Extra check.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="InputException">Missing, unparsable or invalid.</exception>
    public long Integer(string key, string expected, long? fallback = null, Func<long, bool>? valid = null)
    {
        string? text = Scalar(key, expected);
        if (text is null) return fallback ?? throw new InputException(Where, $"missing key '{KeyPath(key)}' (expected {expected})");
        if (!long.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || (valid is not null && !valid(v)))
            throw new InputException(At(key), $"{KeyPath(key)}: expected {expected}, got '{text}'");
        return v;
    }

    /// <summary>A nested mapping, or null when absent.</summary>
    /// <param name="key">Key.</param>
    /// <param name="allowed">Its allowed keys (null: any).</param>
    /// <returns>The mapping or null.</returns>
    /// <exception cref="InputException">Not a mapping or an unknown key inside.</exception>
    public YamlMap? Map(string key, IReadOnlyList<string>? allowed)
    {
        var v = Value(key);
        return v is null ? null : new YamlMap(File, v, KeyPath(key), allowed);
    }

    /// <summary>A sequence, or null when absent.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">Description.</param>
    /// <returns>The sequence or null.</returns>
    /// <exception cref="InputException">Not a sequence.</exception>
    public YamlSequenceNode? Sequence(string key, string expected)
    {
        var v = Value(key);
        if (v is null) return null;
        return v as YamlSequenceNode ?? throw new InputException(Location(File, v), $"{KeyPath(key)}: expected {expected}");
    }

    /// <summary>A key whose value is one mapping or a list of mappings (e.g. several grids in one stress file).</summary>
    /// <param name="key">Key.</param>
    /// <param name="allowed">Allowed keys of each mapping.</param>
    /// <returns>The mappings, empty when the key is absent.</returns>
    /// <exception cref="InputException">A value that is neither a mapping nor a list of mappings.</exception>
    public IReadOnlyList<YamlMap> Maps(string key, IReadOnlyList<string>? allowed)
    {
        var v = Value(key);
        if (v is null) return [];
        if (v is YamlSequenceNode seq)
            return seq.Children.Select((c, i) => new YamlMap(File, c, $"{KeyPath(key)}[{i}]", allowed)).ToArray();
        return [new YamlMap(File, v, KeyPath(key), allowed)];
    }

    /// <summary>A mapping of underlying symbols (or <c>*</c>) to numbers, e.g. <c>{ BTC: 0.001, "*": 0.002 }</c>.</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">Description of a valid number.</param>
    /// <param name="valid">Check on each number.</param>
    /// <returns>The values by underlying, or null when the key is absent.</returns>
    /// <exception cref="InputException">Not a mapping, or a value that is not a valid number.</exception>
    public IReadOnlyDictionary<string, double>? PerUnderlying(string key, string expected, Func<double, bool>? valid = null)
    {
        var map = Map(key, null);
        if (map is null) return null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var u in map.Keys) values[u] = map.Number(u, expected, valid: valid);
        return values;
    }

    /// <summary>A list of scalars (e.g. <c>[up, none, down]</c>).</summary>
    /// <param name="key">Key.</param>
    /// <param name="expected">Description.</param>
    /// <returns>The texts with their positions, or null when the key is absent.</returns>
    /// <exception cref="InputException">Not a list of scalars.</exception>
    public IReadOnlyList<(string Text, SourceLocation Where)>? Scalars(string key, string expected)
    {
        var seq = Sequence(key, expected);
        if (seq is null) return null;
        return seq.Children.Select(c => c is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)
            ? (s.Value!, Location(File, c))
            : throw new InputException(Location(File, c), $"{KeyPath(key)}: expected {expected}")).ToArray();
    }

    /// <summary>Position of a node.</summary>
    /// <param name="file">File path.</param>
    /// <param name="node">Node.</param>
    /// <returns>file:line:column (1-based).</returns>
    public static SourceLocation Location(string file, YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private static string Describe(string path) => path.Length == 0 ? "the scenario file" : $"'{path}'";
}
