using Kalkan.Delivery;
using Kalkan.Identity.Members;

namespace Kalkan.Identity.Sessions;

/// <summary>The caller as Delivery's listener, from the claims the sign-in check set.</summary>
sealed class SessionListenerIdentity : IListenerIdentity
{
    public Listener Of(ClaimsPrincipal user) => new(user.MemberId(), user.Role(), user.SessionId());
}

/// <summary>Delivery's questions about its listeners, answered from the sessions and members tables, in chunks.</summary>
sealed class SessionListeners(KalkanDb db, TimeProvider clock) : IListenerDirectory
{
    const int Chunk = 500;

    public async Task<IReadOnlySet<Guid>> LiveSessionsAsync(IReadOnlyCollection<Guid> sessions, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alive = new HashSet<Guid>();
        foreach (var chunk in sessions.Distinct().Chunk(Chunk))
            alive.UnionWith(await db.Sessions.Where(s => chunk.Contains(s.Id) && s.ExpiresAt > now && s.LockedAt == null).Select(s => s.Id).ToListAsync(ct));
        return alive;
    }

    public async Task<IReadOnlySet<Guid>> RevokedAsync(IReadOnlyCollection<Guid> members, CancellationToken ct)
    {
        var revoked = new HashSet<Guid>();
        foreach (var chunk in members.Distinct().Chunk(Chunk))
            revoked.UnionWith(await db.Members.Where(m => chunk.Contains(m.Id) && m.RevokedAt != null).Select(m => m.Id).ToListAsync(ct));
        return revoked;
    }

    public async Task<IReadOnlyDictionary<Guid, string>> RolesAsync(IReadOnlyCollection<Guid> members, CancellationToken ct)
    {
        var roles = new Dictionary<Guid, string>();
        if (members.Count == 0) return roles;
        // The same effective role her session has: a defender without a required second factor hears what a member hears.
        var required = await db.Networks.AnyAsync(n => n.RequireSecondFactor, ct);
        foreach (var chunk in members.Distinct().Chunk(Chunk))
            foreach (var m in await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id) && m.RevokedAt == null)
                         .Select(m => new { m.Id, m.Role, m.TotpEnabled }).ToListAsync(ct))
                roles[m.Id] = Roles.Effective(m.Role, m.TotpEnabled, required);
        return roles;
    }
}
