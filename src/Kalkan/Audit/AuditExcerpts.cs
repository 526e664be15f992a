namespace Kalkan.Audit;

/// <summary>One entry of an excerpt, with whether it links: its hash recomputes and its previous hash is the entry before it.</summary>
public sealed record ExcerptEntry(long Sequence, DateTimeOffset At, string Action, string PreviousHash, string Hash, bool Links);

/// <summary>
/// The entries about some subjects, and the state of the whole chain when they were read:
/// <see cref="FirstBroken"/> null when every link holds, <see cref="Latest"/> and its hash to anchor
/// the excerpt (a later copy of the chain must still hold that hash at that sequence).
/// </summary>
public sealed record AuditExcerpt(IReadOnlyList<ExcerptEntry> Entries, long Omitted, long? FirstBroken, long Latest, string? LatestHash);

/// <summary>
/// Excerpts of the audit chain for a document (an incident's dossier, a case's): what was done to
/// these subjects, each entry shown with both its hashes so that whoever holds a copy of the
/// chain can check it without the key. Long histories keep their first and their latest entries.
/// </summary>
public sealed class AuditExcerpts(KalkanDb db, AuditChain chain)
{
    public const int Head = 100, Tail = 200;

    /// <param name="subjects">Keyed references (<see cref="AuditChain.SubjectOf"/>) and fingerprints.</param>
    public async Task<AuditExcerpt> ForAsync(IEnumerable<string> subjects, CancellationToken ct)
    {
        var wanted = subjects.Where(s => s.Length > 0).Distinct().ToList();
        var about = db.Set<AuditEntry>().AsNoTracking().Where(e => wanted.Contains(e.Subject));
        var total = await about.LongCountAsync(ct);
        var entries = total <= Head + Tail
            ? await about.OrderBy(e => e.Sequence).ToListAsync(ct)
            : [.. await about.OrderBy(e => e.Sequence).Take(Head).ToListAsync(ct),
               .. (await about.OrderByDescending(e => e.Sequence).Take(Tail).ToListAsync(ct)).AsEnumerable().Reverse()];
        var before = entries.Select(e => e.Sequence - 1).ToList();
        var previous = await db.Set<AuditEntry>().AsNoTracking().Where(e => before.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.Hash }).ToDictionaryAsync(e => e.Sequence, e => e.Hash, ct);
        var latest = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return new AuditExcerpt(
            [.. entries.Select(e => new ExcerptEntry(e.Sequence, e.At, e.Action, Hex(e.PreviousHash), Hex(e.Hash), Links(e, previous)))],
            total - entries.Count, await chain.FirstBrokenAsync(ct), latest?.Sequence ?? 0, latest is null ? null : Hex(latest.Hash));
    }

    static bool Links(AuditEntry entry, Dictionary<long, byte[]> previous)
    {
        var before = entry.Sequence == 1 ? new byte[32] : previous.GetValueOrDefault(entry.Sequence - 1);
        return before is not null && CryptographicOperations.FixedTimeEquals(before, entry.PreviousHash)
            && CryptographicOperations.FixedTimeEquals(AuditChain.HashOf(entry), entry.Hash);
    }

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
