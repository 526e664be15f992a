using System.Security.Cryptography;
using System.Text;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Sessions;

public sealed record SignedIn(Guid MemberId, string Role, Guid SessionId);

/// <summary>
/// Opaque session tokens: 256 random bits handed to the device, only their SHA-256 kept. A fast
/// hash is enough for a secret that long; what matters is that a seized store holds no usable token.
/// </summary>
public sealed class SessionStore(KalkanDb db, SealState seal, IOptions<SessionOptions> options, TimeProvider clock)
{
    // Writing last-seen on every request would turn each read into a write.
    static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<string> CreateAsync(Guid memberId, CancellationToken ct)
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
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<SignedIn?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100 || seal.Status != SealStatus.Ready) return null;
        var now = clock.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var hash = HashOf(token);
        var found = await db.Sessions
            .Where(s => s.TokenHash == hash && s.ExpiresAt > now && s.LastSeenAt > idleSince && s.CreatedAt >= seal.OpenedAt)
            .Join(db.Members, s => s.MemberId, m => m.Id, (s, m) => new { s.Id, s.MemberId, m.Role, s.LastSeenAt })
            .SingleOrDefaultAsync(ct);
        if (found is null) return null;
        if (now - found.LastSeenAt > TouchEvery)
            await db.Sessions.Where(s => s.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        return new SignedIn(found.MemberId, found.Role, found.Id);
    }

    public Task EndAsync(Guid sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);

    public Task EndAllAsync(CancellationToken ct) => db.Sessions.ExecuteDeleteAsync(ct);

    public Task EndAllOfAsync(Guid memberId, CancellationToken ct) =>
        db.Sessions.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);

    static byte[] HashOf(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
