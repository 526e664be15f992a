namespace Kalkan.Seal;

/// <summary>
/// While sealed (or not yet set up) only health, unsealing, setup and static files answer;
/// everything else is 503, because nothing else can work without the root key.
/// </summary>
sealed class SealGate(RequestDelegate next, SealState seal)
{
    static readonly string[] AlwaysOpen = ["/api/v1/health", "/api/v1/sys/unseal", "/unseal", "/setup", "/css/", "/js/", "/lib/", "/favicon.ico", "/exit", "/icons/", "/sw.js", "/"];

    /// <summary>The setup API: open on a fresh store, and like every other call while sealed.</summary>
    const string FreshStoreOnly = "/api/v1/sys/setup";

    /// <summary>Not async: a request passing through keeps no state of this middleware (an open stream lasts hours).</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (seal.Status == SealStatus.Ready || IsAlwaysOpen(context.Request.Path)
            || (seal.Status == SealStatus.Uninitialized && context.Request.Path.Equals(FreshStoreOnly, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        return Results.Problem(
            title: seal.Status == SealStatus.Sealed ? "Kalkan is sealed." : "Kalkan is not set up yet.",
            detail: seal.Status == SealStatus.Sealed ? "An operator must unseal it at /unseal." : "An operator must set it up at /setup.",
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    static bool IsAlwaysOpen(PathString path)
    {
        var value = path.Value ?? "/";
        foreach (var open in AlwaysOpen)
        {
            if (open == "/" ? value == "/" : open.EndsWith('/') ? value.StartsWith(open, StringComparison.OrdinalIgnoreCase)
                : value.Equals(open, StringComparison.OrdinalIgnoreCase) || value.StartsWith(open + "/", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
