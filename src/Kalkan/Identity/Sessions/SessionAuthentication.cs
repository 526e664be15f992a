using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Kalkan.Identity.Sessions;

/// <summary>
/// One scheme for both doors: API clients send "Authorization: Bearer TOKEN", the pages carry the
/// same token in a __Host- cookie (Secure, HttpOnly, SameSite=Strict, path /, no domain).
/// </summary>
public sealed class SessionAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IServiceScopeFactory scopes) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Kalkan";
    public const string CookieName = "__Host-kalkan";
    public const string SessionIdClaim = "sid";
    public const string SecondFactorMissingClaim = "second-factor-missing";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var signedIn = await FindAsync(token);
        if (signedIn is null) return AuthenticateResult.Fail("No such session.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, signedIn.MemberId.ToString()),
            // Her effective role, decided once here: every policy, page, stream and query reads this claim.
            new Claim(ClaimTypes.Role, signedIn.Role),
            new Claim(SessionIdClaim, signedIn.SessionId.ToString()),
            .. signedIn.SecondFactorMissing ? [new Claim(SecondFactorMissingClaim, "true")] : Array.Empty<Claim>(),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// The lookup runs in a store scope of its own that ends with it. The authentication middleware
    /// keeps this handler until the request ends, and a stream's request lasts hours: a store context
    /// held by the handler was most of what an open stream cost in memory (bench/README.md, fan-out).
    /// </summary>
    async Task<SignedIn?> FindAsync(string token)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionStore>().FindAsync(token, Context.RequestAborted);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsPage(Request))
        {
            Response.Redirect("/signin");
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: "Sign in first.", statusCode: 401).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(title: "Your role does not allow this.", statusCode: 403).ExecuteAsync(Context);

    static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        // The cookie opens pages (whose forms carry anti-forgery tokens) and API reads; an API
        // write needs the bearer header, which no other site can make a browser send.
        var cookieAllowed = IsPage(request) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return cookieAllowed && request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    static bool IsPage(HttpRequest request) => !request.Path.StartsWithSegments("/api");

    public static CookieOptions CookieOptions(TimeSpan lifetime) => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}

public static class SessionClaims
{
    public static Guid MemberId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
    public static Guid SessionId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(SessionAuthentication.SessionIdClaim)!);
    /// <summary>Her effective role for this session (a member's while a required second factor is missing).</summary>
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";
    /// <summary>Whether her effective role is admitted by the policy named <paramref name="policy"/> (a role name).</summary>
    public static bool Has(this ClaimsPrincipal user, string policy) => Members.Roles.Admitted[policy].Any(user.IsInRole);
    /// <summary>Whether she attends every member's calls (an effective defender or admin).</summary>
    public static bool AttendsEveryone(this ClaimsPrincipal user) => Members.Roles.AttendsEveryone(user.Role());
}
