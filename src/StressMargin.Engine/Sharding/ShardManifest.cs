using System.Text.Json;
using StressMargin.Core;

namespace StressMargin.Engine.Sharding;

/// <summary>One input file as a shard records it (role, absolute path, SHA-256).</summary>
/// <param name="Role">Role, as in manifest.json.</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the contents.</param>
public sealed record ShardInput(string Role, string Path, string Sha256);

/// <summary>
/// <c>shard.json</c> of a path shard (docs/formats.md §6.8): which run it belongs to (scenario, effective paths and
/// seed, confidence levels, book size, every input's SHA-256), which paths it simulated, what it cost, and the SHA-256 of
/// its data files. <see cref="MergeJob"/> refuses shards whose run identity differs.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>Format tag.</summary>
    public const string CurrentFormat = "stressmargin-shard/1";

    /// <summary>Format tag of this file.</summary>
    public required string Format { get; init; }
    /// <summary>Tool version.</summary>
    public required string ToolVersion { get; init; }
    /// <summary>Git commit of the tool.</summary>
    public required string ToolCommit { get; init; }
    /// <summary>Absolute path of the scenario file.</summary>
    public required string Scenario { get; init; }
    /// <summary>Effective number of paths n.</summary>
    public required int Paths { get; init; }
    /// <summary>Effective Philox seed.</summary>
    public required ulong Seed { get; init; }
    /// <summary>α of ES.</summary>
    public required double EsConfidence { get; init; }
    /// <summary>α of VaR.</summary>
    public required double VarConfidence { get; init; }
    /// <summary>Accounts of the book.</summary>
    public required int Accounts { get; init; }
    /// <summary>Positions of the book.</summary>
    public required int Positions { get; init; }
    /// <summary>Shard index i.</summary>
    public required int Index { get; init; }
    /// <summary>Shard count N.</summary>
    public required int Count { get; init; }
    /// <summary>First path of the shard.</summary>
    public required int FirstPath { get; init; }
    /// <summary>End of the shard's paths (exclusive).</summary>
    public required int EndPath { get; init; }
    /// <summary>Backend that simulated the shard.</summary>
    public required string Backend { get; init; }
    /// <summary>Its device description.</summary>
    public required string Device { get; init; }
    /// <summary>Instrument revaluations done by the shard.</summary>
    public required long Revaluations { get; init; }
    /// <summary>Stage timings of the shard (seconds).</summary>
    public required Dictionary<string, double> TimingsSeconds { get; init; }
    /// <summary>Every input file of the run.</summary>
    public required IReadOnlyList<ShardInput> Inputs { get; init; }
    /// <summary>SHA-256 of each data file in the shard folder.</summary>
    public required Dictionary<string, string> Files { get; init; }

    /// <summary>The file name in a shard folder.</summary>
    public const string FileName = "shard.json";

    /// <summary>Serializes to indented snake-case JSON.</summary>
    /// <returns>The text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOutput.Options);

    /// <summary>Reads <c>shard.json</c> from a shard folder.</summary>
    /// <param name="directory">The shard folder.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">No shard.json, unreadable or malformed JSON, or another format (names the file).</exception>
    public static ShardManifest Read(string directory)
    {
        string path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new InputException(new SourceLocation(directory), $"not a shard folder: no {FileName} (write one with 'stressmargin run … --shard i/N --out {directory}')");
        ShardManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), JsonOutput.Options);
        }
        catch (JsonException e)
        {
            throw new InputException(new SourceLocation(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1), $"malformed shard manifest: {e.Message}");
        }
        if (manifest is null) throw new InputException(new SourceLocation(path), "empty shard manifest");
        if (manifest.Format != CurrentFormat) throw new InputException(new SourceLocation(path), $"format '{manifest.Format}'; this build reads '{CurrentFormat}'");
        return manifest;
    }
}
