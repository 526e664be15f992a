using Kalkan.Identity.Sessions;

namespace Kalkan.Web.Pages;

/// <summary>
/// Quick exit. The page's script posts here (a beacon) and replaces the page with the network's
/// neutral page; without script the Exit link lands here. Either way her session is locked on the
/// server until her passphrase is typed again. No anti-forgery token on the post: locking is its
/// only effect, and the SameSite=Strict session cookie never comes with another site's request.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ExitModel(SessionStore sessions) : PageModel
{
    public async Task OnGetAsync(CancellationToken ct) => await LockAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LockAsync(ct);
        return StatusCode(StatusCodes.Status204NoContent);
    }

    async Task LockAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true) await sessions.LockAsync(User.SessionId(), ct);
    }
}
