using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Kalkan.Web;

/// <summary>
/// Brotli or gzip for what a member's phone loads over 2G, and only that (decision 1301). BREACH
/// recovers a secret that repeats in compressed responses which also reflect the attacker's text:
/// the pages compressed here carry no such secret (their anti-forgery tokens are encrypted afresh
/// for every response), while the pages that show invitation codes, second-factor secrets, key
/// shares or research data are never compressed. Streams are not compressed either.
/// </summary>
public static class Compression
{
    static readonly string[] Paths = ["/css/", "/js/", "/lib/", "/alerts", "/sos", "/checkin", "/circle", "/calls", "/places", "/signin", "/exit", "/offline", "/manifest.webmanifest", "/sw.js"];

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/javascript", "application/manifest+json", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UseCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => Compressible(context.Request.Path), branch => branch.UseResponseCompression());

    /// <summary>The member pages and static files; /alerts but not /alerts/stream or the console.</summary>
    public static bool Compressible(PathString path)
    {
        var value = path.Value ?? "";
        if (value == "/api/v1/alerts") return true;
        foreach (var p in Paths)
            if (p.EndsWith('/') ? value.StartsWith(p, StringComparison.OrdinalIgnoreCase) : value.Equals(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
