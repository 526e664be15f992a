using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

public sealed record MemberView(Guid Id, string Handle, string Role, Guid? InvitedBy, DateTimeOffset CreatedAt, bool Revoked);
public sealed record RevokeResponse(int Revoked);

/// <summary>
/// The defenders' view of the network: who is in it (by handle), who invited whom, and cutting people off. Shared by the API
/// and the members page. A member row changed on disk (it no longer opens) is left out and counted in the log
/// (<see cref="SealedRows"/>), or listed without her handle when only that does not open: one such row must not keep a
/// defender from seeing the others or from cutting someone off.
/// </summary>
public sealed class MemberDirectory(KalkanDb db, MemberAccounts accounts, Invitations invitations, SessionStore sessions, Audit.AuditChain audit, TimeProvider clock,
    ILogger<MemberDirectory> log)
{
    public const string NoSuchMember = "No such member.";
    public const string SelfTitle = "You cannot revoke yourself.";
    public const string AdminOnlyTitle = "Only an admin can revoke an admin.";

    public async Task<List<MemberView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(ct);
        // Decoys are told apart only inside the seal.
        // One whose handle alone does not open is listed without it, so that she can still be cut off from this list.
        var opened = SealedRows.OpenEach(rows, m => accounts.DuressOf(m).IsDecoy ? null
            : new MemberView(m.Id, SealedRows.OpenEach([m], accounts.HandleOf, log, "handles").SingleOrDefault(""), m.Role, accounts.InviterOf(m.Id, m.InvitedBySealed), m.CreatedAt, m.RevokedAt is not null), log, "members");
        return [.. opened.OfType<MemberView>()];
    }

    /// <returns>200 with how many were revoked; 404 for no such member; 409 for herself; 403 when someone not an admin would revoke an admin.</returns>
    public async Task<Outcome<RevokeResponse>> RevokeAsync(Guid id, bool branch, Guid by, bool byAdmin, CancellationToken ct)
    {
        // The tree is sealed in the store; it is drawn here, in memory, from every member's sealed inviter. A row that does
        // not open cannot be placed in it: it is left out (and counted in the log), and those she invited are not reached
        // through her; each of them can still be revoked on her own.
        var tree = SealedRows.OpenEach(await db.Members.AsNoTracking().ToListAsync(ct), m => (Row: m, State: accounts.DuressOf(m),
                InvitedBy: accounts.InviterOf(m.Id, m.InvitedBySealed)), log, "members of the invitation tree")
            .Where(m => !m.State.IsDecoy).Select(m => new { m.Row.Id, m.InvitedBy, m.Row.Role, m.State.DecoyId }).ToList();
        var target = tree.SingleOrDefault(m => m.Id == id);
        if (target is null) return Outcome<RevokeResponse>.Refused(StatusCodes.Status404NotFound, NoSuchMember);
        if (id == by) return Outcome<RevokeResponse>.Conflict(SelfTitle);

        var chosen = new HashSet<Guid> { id };
        if (branch)
        {
            // Everyone she invited, and everyone they invited, down the tree (never the one revoking).
            var frontier = new Queue<Guid>([id]);
            while (frontier.TryDequeue(out var parent))
                foreach (var child in tree.Where(m => m.InvitedBy == parent && m.Id != by))
                    if (chosen.Add(child.Id)) frontier.Enqueue(child.Id);
        }
        if (!byAdmin && tree.Any(m => chosen.Contains(m.Id) && m.Role == Roles.Admin))
            return Outcome<RevokeResponse>.Refused(StatusCodes.Status403Forbidden, AdminOnlyTitle);

        var ids = chosen.Concat(tree.Where(m => chosen.Contains(m.Id) && m.DecoyId is not null).Select(m => m.DecoyId!.Value)).ToList();
        var now = clock.GetUtcNow();
        var revoked = await db.Members.Where(m => chosen.Contains(m.Id) && m.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.RevokedAt, now), ct);
        var decoys = ids.Except(chosen).ToList();
        await db.Members.Where(m => decoys.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.RevokedAt, now), ct);
        foreach (var member in ids) await sessions.EndAllOfAsync(member, ct);
        // Her unused invitation codes die with her: nobody joins on the word of someone cut off.
        await invitations.EndCodesOfAsync(chosen, ct);
        foreach (var member in chosen) await audit.RecordAsync(Audit.AuditActions.MemberRevoked, member, ct);
        return Outcome<RevokeResponse>.Done(new RevokeResponse(revoked));
    }
}
