using System.Security.Cryptography;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Members;

public enum JoinOutcome { Joined, Gone, HandleTaken }

/// <summary>
/// One-time invitation codes. A code is 80 random bits written as 16 letters and digits in four
/// groups (easy to read aloud or type on a phone); the store keeps only its keyed blind index.
/// </summary>
public sealed class Invitations(KalkanDb db, BlindIndex blind, MemberAccounts accounts, IOptions<MemberOptions> options, TimeProvider clock)
{
    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L: read aloud without doubt

    public async Task<(string Code, DateTimeOffset ExpiresAt)> CreateAsync(string role, Guid createdBy, CancellationToken ct)
    {
        var code = NewCode();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            CodeIndex = IndexOf(code),
            Role = role,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (code, invitation.ExpiresAt);
    }

    /// <summary>Uses the code and creates her account in one transaction: a code works once, even when two race.</summary>
    public async Task<(JoinOutcome Outcome, Member? Member)> JoinAsync(string code, string handle, string passphrase, CancellationToken ct)
    {
        var index = IndexOf(code);
        var now = clock.GetUtcNow();
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.CodeIndex == index, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now) return (JoinOutcome.Gone, null);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<Invitation>()
            .Where(i => i.Id == invitation.Id && i.UsedAt == null)
            // A used code forgets who made it: with her join time beside it, it would say who invited her.
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedAt, now).SetProperty(i => i.CreatedBy, (Guid?)null), ct);
        if (claimed == 0) return (JoinOutcome.Gone, null);
        var (outcome, member) = await accounts.CreateAsync(handle, passphrase, invitation.Role, invitation.CreatedBy, ct);
        if (outcome == CreateOutcome.HandleTaken)
        {
            await transaction.RollbackAsync(ct);
            return (JoinOutcome.HandleTaken, null);
        }
        await transaction.CommitAsync(ct);
        return (JoinOutcome.Joined, member);
    }

    byte[] IndexOf(string code) => blind.Compute("invitations", "code", Normalize(code));

    /// <summary>Dashes, spaces and case do not matter when she types it.</summary>
    public static string Normalize(string code) => new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    static string NewCode()
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..12]}-{chars[12..]}";
    }
}
