using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kalkan.Web;

/// <summary>
/// Sessions and anti-forgery live in __Host- cookies, which must be Secure. Browsers treat
/// http://127.0.0.1 and http://localhost as secure contexts and keep Secure cookies there, so a
/// request over loopback counts as secure (an operator on her own laptop, or a TLS proxy on the
/// same machine that says X-Forwarded-Proto: https). Plain HTTP from anywhere else would send
/// passphrases and tokens in the clear: it is refused with a problem that says to use HTTPS.
/// </summary>
sealed class SecureTransport(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps) return next(context);
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote))
        {
            context.Request.Scheme = "https";
            return next(context);
        }
        if (context.Request.Path.Equals("/api/v1/health", StringComparison.OrdinalIgnoreCase)) return next(context);
        return Results.Problem(title: "Kalkan must be reached over HTTPS.", detail: "Put a TLS reverse proxy in front of it (README).",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    /// <summary>TLS to this process, or to a proxy that said so (X-Forwarded-Proto, recorded as X-Original-Proto): HSTS is for those only.</summary>
    public static bool ReallyHttps(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>() is not null || context.Request.Headers.ContainsKey("X-Original-Proto");

}

static class SecureTransportExtensions
{
    public static IApplicationBuilder UseSecureTransport(this IApplicationBuilder app) => app
        // A TLS proxy on this machine tells us the scheme; only loopback proxies are believed (the default).
        .UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto })
        .UseMiddleware<SecureTransport>();
}
