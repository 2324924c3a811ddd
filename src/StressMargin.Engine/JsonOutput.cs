using System.Text.Json;
using System.Text.Json.Serialization;

namespace StressMargin.Engine;

/// <summary>How the engine writes its JSON documents (<c>manifest.json</c>, <c>calibration.json</c>,
/// <c>backtest.json</c>): indented, snake_case property names, null properties left out.</summary>
internal static class JsonOutput
{
    /// <summary>The shared serializer options; never modify them.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
