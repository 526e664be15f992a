using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

public sealed record MemberView(Guid Id, string Handle, string Role, Guid? InvitedBy, DateTimeOffset CreatedAt, bool Revoked);
public sealed record RevokeResponse(int Revoked);

/// <summary>The defenders' view of the network: who is in it (by handle), who invited whom, and cutting people off. Shared by the API and the members page.</summary>
public sealed class MemberDirectory(KalkanDb db, MemberAccounts accounts, Invitations invitations, SessionStore sessions, Audit.AuditChain audit, TimeProvider clock)
{
    public const string NoSuchMember = "No such member.";
    public const string SelfTitle = "You cannot revoke yourself.";
    public const string AdminOnlyTitle = "Only an admin can revoke an admin.";

    public async Task<List<MemberView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(ct);
        // Decoys are told apart only inside the seal.
        return rows.Where(m => !accounts.DuressOf(m).IsDecoy)
            .Select(m => new MemberView(m.Id, accounts.HandleOf(m), m.Role, accounts.InviterOf(m.Id, m.InvitedBySealed), m.CreatedAt, m.RevokedAt is not null)).ToList();
    }

    /// <returns>200 with how many were revoked; 404 for no such member; 409 for herself; 403 when someone not an admin would revoke an admin.</returns>
    public async Task<Outcome<RevokeResponse>> RevokeAsync(Guid id, bool branch, Guid by, bool byAdmin, CancellationToken ct)
    {
        // The tree is sealed in the store; it is drawn here, in memory, from every member's sealed inviter.
        var tree = (await db.Members.AsNoTracking().ToListAsync(ct))
            .Select(m => (Row: m, State: accounts.DuressOf(m))).Where(m => !m.State.IsDecoy)
            .Select(m => new { m.Row.Id, InvitedBy = accounts.InviterOf(m.Row.Id, m.Row.InvitedBySealed), m.Row.Role, m.State.DecoyId }).ToList();
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
