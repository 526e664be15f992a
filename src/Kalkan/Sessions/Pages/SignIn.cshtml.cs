using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kalkan.Sessions.Pages;

[EnableRateLimiting(SessionServices.SignInLimit)]
public sealed class SignInModel(SignIn signIn, SessionStore sessions, IOptions<SessionOptions> options) : PageModel
{
    public bool Failed { get; private set; }
    public string? Handle { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? handle, string? passphrase, CancellationToken ct)
    {
        Handle = handle;
        if (string.IsNullOrWhiteSpace(handle) || string.IsNullOrEmpty(passphrase) || handle.Length > 64 || passphrase.Length > 256)
            return Refused();
        var member = await signIn.CheckAsync(handle, passphrase, ct);
        if (member is null) return Refused();
        var token = await sessions.CreateAsync(member.Id, ct);
        Response.Cookies.Append(SessionAuthentication.CookieName, token, SessionAuthentication.CookieOptions(options.Value.AbsoluteTimeout));
        return Redirect("/");
    }

    IActionResult Refused()
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
