namespace StressMargin.Server;

/// <summary>How <c>stressmargin serve</c> listens.</summary>
/// <param name="Urls">Addresses to bind, <c>http://HOST:PORT</c> (port 0 picks a free port); default the loopback
/// address only, <see cref="DefaultUrl"/>.</param>
/// <param name="Token">Bearer token every request but <c>GET /health</c> must present, or null for none.</param>
/// <param name="MaxBodyBytes">Largest request body accepted (larger: HTTP 413).</param>
public sealed record ServerOptions(IReadOnlyList<string>? Urls = null, string? Token = null, long MaxBodyBytes = ServerOptions.DefaultMaxBodyBytes)
{
    /// <summary>The default address: the IPv4 loopback only, so nothing outside the machine reaches the service
    /// unless told to.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Default body limit, 8 MiB (a Deribit chain snapshot is about 0.5 MB).</summary>
    public const long DefaultMaxBodyBytes = 8L << 20;

    /// <summary>The addresses in force.</summary>
    public IReadOnlyList<string> UrlsOrDefault => Urls is { Count: > 0 } ? Urls : [DefaultUrl];
}
