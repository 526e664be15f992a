namespace Kalkan.Identity.Sessions.Pages;

[Authorize]
public sealed class SignOutModel(SessionStore sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sessions.EndAsync(User.SessionId(), ct);
        Response.Cookies.Delete(SessionAuthentication.CookieName, SessionAuthentication.CookieOptions(TimeSpan.Zero));
        return Redirect("/signin");
    }
}
