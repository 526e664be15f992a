using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members.Pages;

/// <summary>Joining from the link or QR code an inviter gave her (<see cref="InviteDesk"/>, as the API); she is signed in straight after.</summary>
public sealed class JoinModel(InviteDesk invites, SessionStore sessions, IOptions<Kalkan.Identity.Sessions.SessionOptions> options) : PageModel
{
    public string? Code { get; private set; }
    public string? Handle { get; private set; }
    public PageOutcome? Outcome { get; private set; }

    public void OnGet(string? code) => Code = code;

    public async Task<IActionResult> OnPostAsync(string? code, string? handle, string? passphrase, CancellationToken ct)
    {
        (Code, Handle) = (code, handle);
        var outcome = await invites.JoinAsync(code, handle, passphrase, ct);
        if (!outcome.Ok)
        {
            Outcome = PageOutcome.From(outcome);
            Response.StatusCode = outcome.Status;
            return Page();
        }
        var token = await sessions.CreateAsync(outcome.Value!.Id, ct);
        Response.Cookies.Append(SessionAuthentication.CookieName, token, SessionAuthentication.CookieOptions(options.Value.AbsoluteTimeout));
        return Redirect("/");
    }
}
