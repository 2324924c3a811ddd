using System.Text.Json;
using StressMargin.Engine.Session;

namespace StressMargin.Server;

/// <summary>The service's JSON: the session documents' snake_case names, compact.</summary>
internal static class Json
{
    /// <summary>Serializer options of every response body.</summary>
    public static readonly JsonSerializerOptions Options = new(SessionJson.Options) { WriteIndented = false };
}
