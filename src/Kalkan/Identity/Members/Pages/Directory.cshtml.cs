using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members.Pages;

/// <summary>
/// The defenders' members page: who is in the network by role, the invitation tree, inviting and
/// revoking, through the services the API calls, answering with the status they decided.
/// </summary>
[Authorize(Roles.Defender)]
public sealed class DirectoryModel(MemberDirectory directory, InviteDesk invites) : OutcomePage
{
    public List<MemberView> Members { get; private set; } = [];
    public InviteResponse? Invitation { get; private set; }
    public string? InvitationQr { get; private set; }
    public string? InvitationUrl { get; private set; }
    /// <summary>After a branch revocation: members whose inviter could not be read, so the branch may reach further than was revoked.</summary>
    public int Unplaced { get; private set; }

    public ILookup<Guid?, MemberView> Children => Members.ToLookup(m => m.InvitedBy is { } p && Members.Any(x => x.Id == p) ? m.InvitedBy : (Guid?)null);

    public async Task OnGetAsync(CancellationToken ct) => Members = await directory.ListAsync(ct);

    public async Task<IActionResult> OnPostInviteAsync(string? role, CancellationToken ct)
    {
        var outcome = await invites.InviteAsync(User.MemberId(), User.IsInRole(Roles.Admin), role, ct);
        if (outcome is { Ok: true, Value: { } invitation })
        {
            Invitation = invitation;
            InvitationUrl = $"{Request.Scheme}://{Request.Host}{invitation.Link}";
            InvitationQr = QrCode.DataUri(InvitationUrl);
        }
        return await ShowAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool branch, CancellationToken ct)
    {
        var outcome = await directory.RevokeAsync(id, branch, User.MemberId(), User.IsInRole(Roles.Admin), ct);
        if (outcome is { Ok: true, Value: { } revoked })
        {
            Done = revoked.Revoked.ToString(CultureInfo.InvariantCulture);
            Unplaced = revoked.Unplaced;
        }
        return await ShowAsync(outcome, ct);
    }

    Task<IActionResult> ShowAsync<T>(Outcome<T> outcome, CancellationToken ct) => ShowAsync(outcome, null, () => OnGetAsync(ct));
}
