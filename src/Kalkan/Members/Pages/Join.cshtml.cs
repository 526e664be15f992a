using Kalkan.Sessions;
using Kalkan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kalkan.Members.Pages;

/// <summary>Joining from the link or QR code an inviter gave her; she is signed in straight after.</summary>
public sealed class JoinModel(Invitations invitations, SessionStore sessions, Audit.AuditChain audit, IOptions<Kalkan.Sessions.SessionOptions> options) : PageModel
{
    public string? Code { get; private set; }
    public string? Handle { get; private set; }
    public PageOutcome? Outcome { get; private set; }

    public void OnGet(string? code) => Code = code;

    public async Task<IActionResult> OnPostAsync(string? code, string? handle, string? passphrase, CancellationToken ct)
    {
        (Code, Handle) = (code, handle);
        var result = await InviteEndpoints.Join(new InviteEndpoints.JoinRequest(code, handle, passphrase), invitations, audit, ct);
        Outcome = PageOutcome.From(result);
        if (!Outcome.Ok)
        {
            Response.StatusCode = ((IStatusCodeHttpResult)result.Result).StatusCode ?? 400;
            return Page();
        }
        var joined = (InviteEndpoints.JoinResponse)Outcome.Value!;
        var token = await sessions.CreateAsync(joined.Id, ct);
        Response.Cookies.Append(SessionAuthentication.CookieName, token, SessionAuthentication.CookieOptions(options.Value.AbsoluteTimeout));
        return Redirect("/");
    }
}
