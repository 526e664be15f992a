using Kalkan.Identity.Members;

namespace Kalkan.Identity.Sessions.Pages;

/// <summary>
/// Sign-in, and the way back into a locked session (quick exit or idleness): then only her
/// passphrase is asked, and her handle is never shown, since whoever holds the phone may not be her.
/// Unlocking is a full sign-in (same cost, same duress rule) that replaces the locked session.
/// </summary>
public sealed class SignInModel(SignIn signIn, SessionStore sessions, DuressAlarm duress, KalkanDb db, MemberAccounts members,
    IOptions<SessionOptions> options) : PageModel
{
    public bool Failed { get; private set; }
    public bool CodeNeeded { get; private set; }
    public bool Locked { get; private set; }
    public string? Handle { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Locked = await LockedAsync(ct) is not null;

    public async Task<IActionResult> OnPostAsync(string? handle, string? passphrase, string? code, CancellationToken ct)
    {
        var locked = await LockedAsync(ct);
        Locked = locked is not null;
        Handle = Locked ? null : handle;
        if (locked is { } l) handle = await HandleOfAsync(l.MemberId, ct);
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
        if (locked is { } old) await sessions.EndAsync(old.SessionId, ct);
        var token = await sessions.CreateAsync(result.SessionMemberId, ct, browser: true);
        await duress.RaiseIfAsync(result, ct);
        Response.Cookies.Append(SessionAuthentication.CookieName, token, SessionAuthentication.CookieOptions(options.Value.AbsoluteTimeout));
        return Redirect("/");
    }

    /// <summary>"Not me": forget the locked session on this phone and offer the ordinary sign-in.</summary>
    public async Task<IActionResult> OnPostForgetAsync(CancellationToken ct)
    {
        if (await LockedAsync(ct) is { } locked) await sessions.EndAsync(locked.SessionId, ct);
        Response.Cookies.Delete(SessionAuthentication.CookieName, SessionAuthentication.CookieOptions(TimeSpan.Zero));
        return Redirect("/signin");
    }

    Task<(Guid SessionId, Guid MemberId)?> LockedAsync(CancellationToken ct) =>
        sessions.LockedMemberAsync(Request.Cookies[SessionAuthentication.CookieName], ct);

    /// <summary>Her own handle: a session opened under duress belongs to her decoy, whose owner is the one to ask for.</summary>
    async Task<string?> HandleOfAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is not null && members.DuressOf(member) is { IsDecoy: true, Other: { } owner })
            member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == owner, ct);
        return member is null ? null : members.HandleOf(member);
    }

    IActionResult Refused()
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
