using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StressMargin.Server;

/// <summary>
/// Optional bearer-token authentication (RFC 6750): with a token configured, every request except <c>GET /health</c>
/// must carry <c>Authorization: Bearer TOKEN</c>; otherwise HTTP 401 with <c>WWW-Authenticate: Bearer</c>. Tokens
/// are compared through their SHA-256 digests in constant time.
/// </summary>
/// <param name="token">The expected token.</param>
internal sealed class BearerToken(string token)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The middleware.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals("/health", StringComparison.Ordinal) || Accepts(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(detail: "missing or wrong bearer token: send 'Authorization: Bearer TOKEN' (the token given to serve --token)",
            statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized").ExecuteAsync(context);
    }

    private bool Accepts(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }
}
