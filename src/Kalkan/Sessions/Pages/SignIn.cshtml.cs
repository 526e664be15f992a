using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kalkan.Sessions.Pages;

public sealed class SignInModel(SignIn signIn, SessionStore sessions, DuressAlarm duress, IOptions<SessionOptions> options) : PageModel
{
    public bool Failed { get; private set; }
    public bool CodeNeeded { get; private set; }
    public string? Handle { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? handle, string? passphrase, string? code, CancellationToken ct)
    {
        Handle = handle;
        if (string.IsNullOrWhiteSpace(handle) || string.IsNullOrEmpty(passphrase) || handle.Length > 64 || passphrase.Length > 256 || code?.Length > 16)
            return Refused();
        var result = await signIn.CheckAsync(handle, passphrase, code, ct);
        if (result.Outcome == SignInOutcome.CodeNeeded)
        {
            CodeNeeded = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        if (result.Outcome != SignInOutcome.SignedIn) return Refused();
        var token = await sessions.CreateAsync(result.SessionMemberId, ct);
        await duress.RaiseIfAsync(result, ct);
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
