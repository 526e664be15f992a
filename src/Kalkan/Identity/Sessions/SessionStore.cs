using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Identity.Sessions;

/// <param name="Role">Her effective role (<see cref="Members.Roles.Effective"/>): what every check after this one sees.</param>
/// <param name="SecondFactorMissing">The network requires a second factor of her role and she has none yet: she acts as a member until she sets one up.</param>
public sealed record SignedIn(Guid MemberId, string Role, Guid SessionId, bool SecondFactorMissing);

/// <summary>
/// Opaque session tokens: 256 random bits handed to the device, only their SHA-256 kept. A fast
/// hash is enough for a secret that long; what matters is that a seized store holds no usable token.
/// Sessions live in the store, so they outlive a restart (their timeouts still run); only sealing
/// ends them all.
/// </summary>
public sealed class SessionStore(KalkanDb db, SealState seal, FieldCipher cipher, BlindIndex index, IOptions<SessionOptions> options, TimeProvider clock)
{
    // Writing last-seen on every request would turn each read into a write.
    static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <param name="browser">Signed in on the page: the session locks when idle (<see cref="SessionOptions.LockAfterIdle"/>).</param>
    public async Task<string> CreateAsync(Guid memberId, CancellationToken ct, bool browser = false)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var session = new Session
        {
            TokenHash = HashOf(token),
            MemberSealed = [],
            MemberIndex = IndexOf(memberId),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteTimeout,
            LocksWhenIdle = browser,
        };
        session.MemberSealed = cipher.Encrypt(memberId.ToByteArray(), Where(session.Id));
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<SignedIn?> FindAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lockSince = now - options.Value.LockAfterIdle;
        var session = await LivingAsync(token, ct);
        if (session is null || session.LockedAt is not null || (session.LocksWhenIdle && session.LastSeenAt <= lockSince)) return null;
        var member = await db.Members.AsNoTracking().Where(m => m.Id == session.MemberId && m.RevokedAt == null)
            .Select(m => new { m.Role, m.TotpEnabled }).SingleOrDefaultAsync(ct);
        if (member is null) return null;
        if (now - session.LastSeenAt > TouchEvery)
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        var required = Members.Roles.NeedsSecondFactor(member.Role) && !member.TotpEnabled && await db.Networks.AnyAsync(n => n.RequireSecondFactor, ct);
        var role = Members.Roles.Effective(member.Role, member.TotpEnabled, required);
        return new SignedIn(session.MemberId, role, session.Id, role != member.Role);
    }

    /// <summary>Quick exit: the session opens nothing until her passphrase is typed again (<see cref="LockedMemberAsync"/>).</summary>
    public Task LockAsync(Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId && s.LockedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LockedAt, clock.GetUtcNow()), ct);

    /// <summary>Whose session this locked (by quick exit or idleness) but still living token is, so the sign-in page can ask only for the passphrase.</summary>
    public async Task<(Guid SessionId, Guid MemberId)?> LockedMemberAsync(string? token, CancellationToken ct)
    {
        if (token is null) return null;
        var lockSince = clock.GetUtcNow() - options.Value.LockAfterIdle;
        var session = await LivingAsync(token, ct);
        if (session is null || (session.LockedAt is null && !(session.LocksWhenIdle && session.LastSeenAt <= lockSince))) return null;
        return (session.Id, session.MemberId);
    }

    sealed record Living(Guid Id, Guid MemberId, DateTimeOffset LastSeenAt, DateTimeOffset? LockedAt, bool LocksWhenIdle);

    /// <summary>The session behind a token that has not timed out, with its member unsealed; locked or not.</summary>
    async Task<Living?> LivingAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100 || seal.Status != SealStatus.Ready) return null;
        var now = clock.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var hash = HashOf(token);
        // Sealing deletes every session; should that delete have failed, a session from before the
        // last seal in this process is refused all the same.
        var sealedAt = seal.ClosedAt;
        var session = await db.Sessions.AsNoTracking()
            .Where(s => s.TokenHash == hash && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .Select(s => new { s.Id, s.MemberSealed, s.LastSeenAt, s.CreatedAt, s.LockedAt, s.LocksWhenIdle })
            .SingleOrDefaultAsync(ct);
        if (session is null || session.CreatedAt < sealedAt) return null;
        try { return new Living(session.Id, new Guid(cipher.Decrypt(session.MemberSealed, Where(session.Id))), session.LastSeenAt, session.LockedAt, session.LocksWhenIdle); }
        catch (CryptographicException) { return null; } // moved from another row, or tampered with
    }

    public Task EndAsync(Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);

    /// <summary>Ends one of her sessions; 0 when it is not hers (or does not exist).</summary>
    public Task<int> EndMineAsync(Guid memberId, Guid sessionId, CancellationToken ct)
    {
        var mine = IndexOf(memberId);
        return db.Sessions.Where(s => s.Id == sessionId && s.MemberIndex == mine).ExecuteDeleteAsync(ct);
    }

    public Task EndOthersAsync(Guid memberId, Guid keep, CancellationToken ct)
    {
        var mine = IndexOf(memberId);
        return db.Sessions.Where(s => s.MemberIndex == mine && s.Id != keep).ExecuteDeleteAsync(ct);
    }

    public Task<List<Session>> ListAsync(Guid memberId, CancellationToken ct)
    {
        var mine = IndexOf(memberId);
        return db.Sessions.AsNoTracking().Where(s => s.MemberIndex == mine).OrderByDescending(s => s.LastSeenAt).ToListAsync(ct);
    }

    public Task EndAllAsync(CancellationToken ct) => db.Sessions.ExecuteDeleteAsync(ct);

    public Task EndAllOfAsync(Guid memberId, CancellationToken ct)
    {
        var mine = IndexOf(memberId);
        return db.Sessions.Where(s => s.MemberIndex == mine).ExecuteDeleteAsync(ct);
    }

    byte[] IndexOf(Guid memberId) => index.Compute(Session.Table, Session.MemberColumn, memberId.ToString("N"));

    static FieldRef Where(Guid sessionId) => new(Session.Table, Session.MemberColumn, sessionId);

    static byte[] HashOf(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
