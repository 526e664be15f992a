namespace Kalkan.Web;

/// <summary>
/// Headers on every answer: a strict CSP with no inline script or style and no other host, no
/// framing, no referrer (a URL can name a place or an alert), no MIME sniffing, an isolated
/// browsing context; HSTS only when the request came over HTTPS.
/// </summary>
sealed class SecurityHeaders(RequestDelegate next)
{
    const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
                       "font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
                       "form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        if (SecureTransport.ReallyHttps(context)) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        // Pages can hold what a member must not leave behind on a shared or seized phone.
        if (!context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
            headers.CacheControl = "no-store";
        return next(context);
    }
}
