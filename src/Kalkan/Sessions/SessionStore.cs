using System.Security.Cryptography;
using System.Text;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Sessions;

/// <param name="Role">Her effective role (<see cref="Members.Roles.Effective"/>): what every check after this one sees.</param>
/// <param name="SecondFactorMissing">The network requires a second factor of her role and she has none yet: she acts as a member until she sets one up.</param>
public sealed record SignedIn(Guid MemberId, string Role, Guid SessionId, bool SecondFactorMissing);

/// <summary>
/// Opaque session tokens: 256 random bits handed to the device, only their SHA-256 kept. A fast
/// hash is enough for a secret that long; what matters is that a seized store holds no usable token.
/// </summary>
public sealed class SessionStore(KalkanDb db, SealState seal, IOptions<SessionOptions> options, TimeProvider clock)
{
    // Writing last-seen on every request would turn each read into a write.
    static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <param name="browser">Signed in on the page: the session locks when idle (<see cref="SessionOptions.LockAfterIdle"/>).</param>
    public async Task<string> CreateAsync(Guid memberId, CancellationToken ct, bool browser = false)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.Sessions.Add(new Session
        {
            TokenHash = HashOf(token),
            MemberId = memberId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteTimeout,
            LocksWhenIdle = browser,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<SignedIn?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100 || seal.Status != SealStatus.Ready) return null;
        var now = clock.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var lockSince = now - options.Value.LockAfterIdle;
        var hash = HashOf(token);
        var found = await db.Sessions
            .Where(s => s.TokenHash == hash && s.ExpiresAt > now && s.LastSeenAt > idleSince && s.CreatedAt >= seal.OpenedAt)
            .Where(s => s.LockedAt == null && (!s.LocksWhenIdle || s.LastSeenAt > lockSince))
            .Join(db.Members.Where(m => m.RevokedAt == null), s => s.MemberId, m => m.Id, (s, m) => new { s.Id, s.MemberId, m.Role, s.LastSeenAt, m.TotpEnabled })
            .SingleOrDefaultAsync(ct);
        if (found is null) return null;
        if (now - found.LastSeenAt > TouchEvery)
            await db.Sessions.Where(s => s.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        var required = Members.Roles.NeedsSecondFactor(found.Role) && !found.TotpEnabled && await db.Networks.AnyAsync(n => n.RequireSecondFactor, ct);
        var role = Members.Roles.Effective(found.Role, found.TotpEnabled, required);
        return new SignedIn(found.MemberId, role, found.Id, role != found.Role);
    }

    /// <summary>Quick exit: the session opens nothing until her passphrase is typed again (<see cref="LockedMemberAsync"/>).</summary>
    public Task LockAsync(Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId && s.LockedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LockedAt, clock.GetUtcNow()), ct);

    /// <summary>Whose session this locked (by quick exit or idleness) but still living token is, so the sign-in page can ask only for the passphrase.</summary>
    public async Task<(Guid SessionId, Guid MemberId)?> LockedMemberAsync(string? token, CancellationToken ct)
    {
        if (token is null || token.Length is < 20 or > 100 || seal.Status != SealStatus.Ready) return null;
        var now = clock.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var lockSince = now - options.Value.LockAfterIdle;
        var hash = HashOf(token);
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.TokenHash == hash && s.ExpiresAt > now && s.LastSeenAt > idleSince && s.CreatedAt >= seal.OpenedAt)
            .Where(s => s.LockedAt != null || (s.LocksWhenIdle && s.LastSeenAt <= lockSince))
            .Select(s => new { s.Id, s.MemberId })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.MemberId);
    }

    public Task EndAsync(Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);

    /// <summary>Ends one of her sessions; 0 when it is not hers (or does not exist).</summary>
    public Task<int> EndMineAsync(Guid memberId, Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId && s.MemberId == memberId).ExecuteDeleteAsync(ct);

    public Task EndOthersAsync(Guid memberId, Guid keep, CancellationToken ct) =>
        db.Sessions.Where(s => s.MemberId == memberId && s.Id != keep).ExecuteDeleteAsync(ct);

    public Task<List<Session>> ListAsync(Guid memberId, CancellationToken ct) =>
        db.Sessions.AsNoTracking().Where(s => s.MemberId == memberId).OrderByDescending(s => s.LastSeenAt).ToListAsync(ct);

    public Task EndAllAsync(CancellationToken ct) => db.Sessions.ExecuteDeleteAsync(ct);

    public Task EndAllOfAsync(Guid memberId, CancellationToken ct) =>
        db.Sessions.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);

    static byte[] HashOf(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
