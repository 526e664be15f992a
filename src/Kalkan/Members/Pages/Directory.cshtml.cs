using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Members.Pages;

/// <summary>The defenders' members page: who is in the network by role, the invitation tree, inviting and revoking.</summary>
[Authorize(Roles.Defender)]
public sealed class DirectoryModel(KalkanDb db, MemberAccounts accounts, Invitations invitations, SessionStore sessions, Audit.AuditChain audit, TimeProvider clock) : PageModel
{
    public List<MemberEndpoints.MemberView> Members { get; private set; } = [];
    public InviteEndpoints.InviteResponse? Invitation { get; private set; }
    public string? InvitationQr { get; private set; }
    public string? InvitationUrl { get; private set; }
    public PageOutcome? Outcome { get; private set; }
    public string? Done { get; private set; }

    public ILookup<Guid?, MemberEndpoints.MemberView> Children => Members.ToLookup(m => m.InvitedBy is { } p && Members.Any(x => x.Id == p) ? m.InvitedBy : (Guid?)null);

    public async Task OnGetAsync(CancellationToken ct) => Members = (await MemberEndpoints.List(db, accounts, ct)).Value ?? [];

    public async Task<IActionResult> OnPostInviteAsync(string? role, CancellationToken ct)
    {
        Outcome = PageOutcome.From(await InviteEndpoints.Invite(new(role), User, invitations, audit, ct));
        if (Outcome.Value is InviteEndpoints.InviteResponse invitation)
        {
            Invitation = invitation;
            InvitationUrl = $"{Request.Scheme}://{Request.Host}{invitation.Link}";
            InvitationQr = QrCode.DataUri(InvitationUrl);
        }
        else Response.StatusCode = 400;
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool branch, CancellationToken ct)
    {
        Outcome = PageOutcome.From(await MemberEndpoints.Revoke(id, new(branch), User, db, accounts, sessions, audit, clock, ct));
        if (Outcome.Value is MemberEndpoints.RevokeResponse revoked) Done = revoked.Revoked.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else Response.StatusCode = 400;
        await OnGetAsync(ct);
        return Page();
    }
}
