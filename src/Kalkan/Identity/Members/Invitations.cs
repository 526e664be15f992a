using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

public enum JoinOutcome { Joined, Gone, HandleTaken }

/// <summary>
/// One-time invitation codes. A code is 80 random bits written as 16 letters and digits in four
/// groups (easy to read aloud or type on a phone); the store finds it by its keyed blind index and
/// keeps the code itself only sealed. A code dies when used, expired, tried too often, cancelled,
/// or when its inviter is revoked or gone.
/// </summary>
public sealed class Invitations(KalkanDb db, BlindIndex blind, FieldCipher cipher, MemberAccounts accounts, PassphraseHasher hasher,
    PassphraseGuard guard, IOptions<MemberOptions> options, TimeProvider clock, ILogger<Invitations> log)
{
    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L: read aloud without doubt

    public sealed record OpenCode(string Code, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    public async Task<(string Code, DateTimeOffset ExpiresAt)> CreateAsync(string role, Guid createdBy, CancellationToken ct)
    {
        var code = NewCode();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            CodeIndex = IndexOf(code),
            CodeSealed = [],
            Role = role,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        invitation.CodeSealed = cipher.Encrypt(code, Ref(invitation.Id));
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (code, invitation.ExpiresAt);
    }

    /// <summary>Her codes that can still be used, newest first; one changed on disk is left out (<see cref="SealedRows"/>), and she can still cancel the rest.</summary>
    public async Task<List<OpenCode>> OpenOfAsync(Guid inviter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var limit = options.Value.JoinAttemptsPerCode;
        var rows = await db.Set<Invitation>().AsNoTracking()
            .Where(i => i.CreatedBy == inviter && i.UsedAt == null && i.ExpiresAt > now && i.Attempts < limit)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        return SealedRows.OpenEach(rows, i => new OpenCode(cipher.DecryptString(i.CodeSealed, Ref(i.Id)), i.Role, i.CreatedAt, i.ExpiresAt), log, "invitation codes");
    }

    /// <summary>Kills one of her unused codes; false when it is not hers or not open (the same answer as a missing one).</summary>
    public async Task<bool> CancelAsync(Guid inviter, string code, CancellationToken ct)
    {
        var index = IndexOf(code);
        return await db.Set<Invitation>().Where(i => i.CodeIndex == index && i.CreatedBy == inviter && i.UsedAt == null).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Revoked members' unused codes die with them.</summary>
    public Task<int> EndCodesOfAsync(IReadOnlyCollection<Guid> inviters, CancellationToken ct) =>
        db.Set<Invitation>().Where(i => i.CreatedBy != null && inviters.Contains(i.CreatedBy.Value) && i.UsedAt == null).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Uses the code and creates her account in one transaction: a code works once, even when two race.
    /// Every path does the same work (her passphrase is hashed before the code is looked at), and
    /// every attempt on a code counts, so a code cannot be used to try handles by the thousand.
    /// </summary>
    public async Task<(JoinOutcome Outcome, Member? Member)> JoinAsync(string code, string handle, string passphrase, CancellationToken ct)
    {
        var index = IndexOf(code);
        using var attempt = await guard.EnterAsync("join " + Convert.ToHexString(index), ct);
        var hash = hasher.Hash(passphrase);
        var (outcome, member) = await TryJoinAsync(index, handle, passphrase, hash, ct);
        if (outcome == JoinOutcome.Joined) await attempt.SucceededAsync(); // anything else stays counted
        return (outcome, member);
    }

    async Task<(JoinOutcome, Member?)> TryJoinAsync(byte[] index, string handle, string passphrase, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var limit = options.Value.JoinAttemptsPerCode;
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.CodeIndex == index, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now) return (JoinOutcome.Gone, null);
        var counted = await db.Set<Invitation>().Where(i => i.Id == invitation.Id && i.UsedAt == null && i.Attempts < limit)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Attempts, i => i.Attempts + 1), ct);
        // Her inviter must still be a member: a revoked or deleted defender's codes are dead.
        if (counted == 0 || invitation.CreatedBy is not { } inviter
            || !await db.Members.AnyAsync(m => m.Id == inviter && m.RevokedAt == null, ct)) return (JoinOutcome.Gone, null);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<Invitation>()
            .Where(i => i.Id == invitation.Id && i.UsedAt == null)
            // A used code forgets who made it: with her join time beside it, it would say who invited her.
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedAt, now).SetProperty(i => i.CreatedBy, (Guid?)null), ct);
        if (claimed == 0) return (JoinOutcome.Gone, null);
        var (outcome, member) = await accounts.CreateAsync(handle, passphrase, invitation.Role, inviter, ct, hash);
        if (outcome == CreateOutcome.HandleTaken)
        {
            await transaction.RollbackAsync(ct);
            return (JoinOutcome.HandleTaken, null);
        }
        await transaction.CommitAsync(ct);
        return (JoinOutcome.Joined, member);
    }

    byte[] IndexOf(string code) => blind.Compute(Invitation.Table, Invitation.CodeColumn, Normalize(code));

    static FieldRef Ref(Guid id) => new(Invitation.Table, Invitation.CodeColumn, id);

    /// <summary>Dashes, spaces and case do not matter when she types it.</summary>
    public static string Normalize(string code) => new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    static string NewCode()
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..12]}-{chars[12..]}";
    }
}
