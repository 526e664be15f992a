using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <param name="Unplaced">Her inviter was changed on disk and does not open: she shows among the tree's top-level entries, and a branch revoked above her does not reach her.</param>
public sealed record MemberView(Guid Id, string Handle, string Role, Guid? InvitedBy, DateTimeOffset CreatedAt, bool Revoked, bool Unplaced = false);
/// <param name="Unplaced">For a branch: members whose place in the tree could not be read (a field changed on disk), so the branch may reach further than was revoked.</param>
public sealed record RevokeResponse(int Revoked, int Unplaced = 0);

/// <summary>
/// The defenders' view of the network: who is in it (by handle), who invited whom, and cutting people off. Shared by the API
/// and the members page. A member's sealed field changed on disk (it no longer opens) is counted in the log and left
/// blank (<see cref="SealedRows"/>): she is still listed and can still be cut off, and the others with her.
/// </summary>
public sealed class MemberDirectory(KalkanDb db, MemberAccounts accounts, Invitations invitations, SessionStore sessions, Audit.AuditChain audit, TimeProvider clock,
    ILogger<MemberDirectory> log)
{
    public const string NoSuchMember = "No such member.";
    public const string SelfTitle = "You cannot revoke yourself.";
    public const string AdminOnlyTitle = "Only an admin can revoke an admin.";

    public async Task<List<MemberView>> ListAsync(CancellationToken ct) =>
        [.. OpenAll(await db.Members.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(ct)).Where(m => !m.IsDecoy)
            .Select(m => new MemberView(m.Row.Id, accounts.HandleOrBlank(m.Row, log), m.Row.Role, m.InvitedBy, m.Row.CreatedAt,
                m.Row.RevokedAt is not null, Unplaced: !m.Placed))];

    /// <returns>200 with how many were revoked (and, for a branch, how many members could not be placed in the tree); 404 for no such member; 409 for herself; 403 when someone not an admin would revoke an admin.</returns>
    public async Task<Outcome<RevokeResponse>> RevokeAsync(Guid id, bool branch, Guid by, bool byAdmin, CancellationToken ct)
    {
        // The tree is sealed in the store; it is drawn here, in memory, from every member's sealed inviter.
        var members = OpenAll(await db.Members.AsNoTracking().ToListAsync(ct));
        var decoyOf = members.Where(m => m.State is { IsDecoy: true }).GroupBy(m => m.State!.Other ?? Guid.Empty).ToDictionary(g => g.Key, g => g.First().Row.Id);
        var tree = members.Where(m => !m.IsDecoy)
            // Her decoy, from her own state, or from the decoy's when hers does not open.
            .Select(m => new { m.Row.Id, m.InvitedBy, m.Row.Role, DecoyId = m.State?.DecoyId ?? (decoyOf.TryGetValue(m.Row.Id, out var d) ? d : (Guid?)null) }).ToList();
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
        // A member whose inviter does not open is not reached through it: the defender is told how many could not be placed.
        var unplaced = branch ? members.Count(m => !m.Placed && !m.IsDecoy && m.Row.RevokedAt is null && !chosen.Contains(m.Row.Id)) : 0;
        return Outcome<RevokeResponse>.Done(new RevokeResponse(revoked, unplaced));
    }

    /// <summary>A member with her sealed duress state and inviter, each opened on its own (null when it does not open, counted in the log).</summary>
    sealed record OpenedMember(Member Row, DuressState? State, Guid? InvitedBy, bool Placed, bool IsDecoy);

    /// <summary>
    /// Decoys are told apart only inside the seal: by their own duress state, or, when that does not open (changed on
    /// disk), by their owner's, which names her decoy. A member whose state does not open and whom no owner claims is
    /// listed and revocable as a member: hiding her would leave a member nobody can cut off. (A decoy whose state and
    /// whose owner's state both do not open cannot be told apart, and is listed.)
    /// </summary>
    List<OpenedMember> OpenAll(List<Member> rows)
    {
        var states = SealedRows.OpenById(rows, m => m.Id, accounts.DuressOf, log, "duress states");
        var inviters = SealedRows.OpenById(rows, m => m.Id, m => accounts.InviterOf(m.Id, m.InvitedBySealed), log, "inviters");
        var claimed = states.Values.Where(s => !s.IsDecoy && s.DecoyId is not null).Select(s => s.DecoyId!.Value).ToHashSet();
        return [.. rows.Select(m =>
        {
            var state = states.GetValueOrDefault(m.Id);
            return new OpenedMember(m, state, inviters.GetValueOrDefault(m.Id), inviters.ContainsKey(m.Id), state?.IsDecoy ?? claimed.Contains(m.Id));
        })];
    }
}
