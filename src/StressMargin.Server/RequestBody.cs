using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StressMargin.Core;

namespace StressMargin.Server;

/// <summary>
/// Reads a JSON request body strictly, with errors in the command line's located form: a syntax error names the
/// body's line and column (<c>request body:1:17: …</c>), a wrong member its JSON path (<c>$.trades[0].quantity:
/// expected a finite number, got "x"</c>). Unknown members are errors, as in the scenario file.
/// </summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses the body as one JSON object.</summary>
    /// <param name="request">The request (its body size is limited by the server).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The root object.</returns>
    /// <exception cref="InputException">Not JSON, or not an object.</exception>
    /// <exception cref="BadHttpRequestException">The body exceeds the size limit (status 413).</exception>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            string reason = e.Message;
            foreach (var cut in new[] { " Path:", " LineNumber:" })
                if (reason.IndexOf(cut, StringComparison.Ordinal) is int at and > 0) reason = reason[..at];
            throw new InputException(new SourceLocation("request body", (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1), $"malformed JSON: {reason.Trim()}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InputException(new SourceLocation("$"), $"expected a JSON object, got {Kind(doc.RootElement)}");
            return doc.RootElement.Clone();
        }
    }

    /// <summary>Refuses members other than the allowed ones.</summary>
    /// <param name="obj">An object.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="allowed">Allowed member names.</param>
    /// <exception cref="InputException">An unknown member.</exception>
    public static void OnlyMembers(JsonElement obj, string path, params string[] allowed)
    {
        foreach (var p in obj.EnumerateObject())
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
                throw new InputException(At(path, p.Name), $"unexpected member '{p.Name}' (expected {string.Join(", ", allowed)})");
    }

    /// <summary>A required non-empty string member.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="name">Member name.</param>
    /// <param name="expected">What it should be, for the message.</param>
    /// <returns>The trimmed string.</returns>
    /// <exception cref="InputException">Missing, not a string, or empty.</exception>
    public static string RequiredString(JsonElement obj, string path, string name, string expected) =>
        OptionalString(obj, path, name, expected) ?? throw new InputException(At(path, name), $"missing member; expected {expected}");

    /// <summary>An optional string member (null when absent or JSON null).</summary>
    /// <param name="obj">The object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="name">Member name.</param>
    /// <param name="expected">What it should be.</param>
    /// <returns>The string or null.</returns>
    /// <exception cref="InputException">Not a string, or empty.</exception>
    public static string? OptionalString(JsonElement obj, string path, string name, string expected)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new InputException(At(path, name), $"expected {expected}, got {Kind(v)}");
        string text = v.GetString()!;
        return text.Trim().Length == 0 ? throw new InputException(At(path, name), $"expected {expected}, got an empty string") : text;
    }

    /// <summary>A required finite number member.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="name">Member name.</param>
    /// <param name="expected">What it should be.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InputException">Missing, not a number, or not finite in double precision.</exception>
    public static double RequiredNumber(JsonElement obj, string path, string name, string expected)
    {
        if (!obj.TryGetProperty(name, out var v)) throw new InputException(At(path, name), $"missing member; expected {expected}");
        if (v.ValueKind != JsonValueKind.Number) throw new InputException(At(path, name), $"expected {expected}, got {Kind(v)}");
        return v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw new InputException(At(path, name), $"expected {expected}, got {v.GetRawText()} (not a finite number)");
    }

    /// <summary>A required array member of objects.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="name">Member name.</param>
    /// <returns>Each element with its path.</returns>
    /// <exception cref="InputException">Missing, not an array, or an element that is not an object.</exception>
    public static IReadOnlyList<(JsonElement Element, string Path)> RequiredObjects(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var v)) throw new InputException(At(path, name), "missing member; expected an array of objects");
        if (v.ValueKind != JsonValueKind.Array) throw new InputException(At(path, name), $"expected an array of objects, got {Kind(v)}");
        var list = new List<(JsonElement, string)>();
        int i = 0;
        foreach (var e in v.EnumerateArray())
        {
            string p = string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{i++}]");
            if (e.ValueKind != JsonValueKind.Object) throw new InputException(new SourceLocation(p), $"expected an object, got {Kind(e)}");
            list.Add((e, p));
        }
        return list;
    }

    /// <summary>The location of a member.</summary>
    /// <param name="path">The object's path.</param>
    /// <param name="name">The member.</param>
    /// <returns><c>path.name</c>.</returns>
    public static SourceLocation At(string path, string name) => new($"{path}.{name}");

    private static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string {v.GetRawText()}",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{v.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
