namespace Kalkan.Web;

/// <summary>
/// The large-type setting: ?text=large (or normal) is remembered in a cookie, like the language,
/// and the layout sets a class on &lt;html&gt; that scales every size. No script needed.
/// </summary>
public static class TextSize
{
    public const string Cookie = "__Host-text";

    public static bool IsLarge(HttpContext context) =>
        context.Request.Query["text"] is { Count: > 0 } q ? q.ToString() == "large" : context.Request.Cookies[Cookie] == "large";

    // Not async: a request passing through keeps no state of this middleware (an open stream lasts hours).
    public static IApplicationBuilder UseTextSize(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Query["text"].ToString() is "large" or "normal")
            context.Response.Cookies.Append(Cookie, context.Request.Query["text"].ToString(),
                new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        return next(context);
    });
}
