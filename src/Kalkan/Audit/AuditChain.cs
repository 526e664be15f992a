using System.Buffers.Binary;

namespace Kalkan.Audit;

/// <summary>
/// Appends to and checks the audit chain. hash = SHA-256(previous hash | sequence | time | action | subject),
/// the first entry chaining from 32 zero bytes. Plain SHA-256, so the chain can be checked without
/// the root key, by anyone holding a copy: it shows tampering by anyone who did not also rewrite
/// every later hash, and the latest hash, noted elsewhere, anchors the rest. The subject is a keyed
/// reference to the row (HMAC under a purpose key), not its id: a seized chain says what happened
/// and when, not to which member, and cannot be joined to the members table.
/// </summary>
public sealed class AuditChain(KalkanDb db, SealState seal, TimeProvider clock, IEnumerable<IAuditWitness> witnesses)
{
    static readonly SemaphoreSlim OneWriter = new(1, 1);

    public Task RecordAsync(string action, Guid? subject, CancellationToken ct) => AppendAsync(action, subject is { } id ? SubjectOf(id) : "", ct);

    /// <summary>Records with a fingerprint (hex SHA-256) for a subject, which an <see cref="IAuditWitness"/> checks.</summary>
    public Task RecordFingerprintAsync(string action, string fingerprint, CancellationToken ct) => AppendAsync(action, fingerprint, ct);

    async Task AppendAsync(string action, string subject, CancellationToken ct)
    {
        await OneWriter.WaitAsync(ct);
        try
        {
            // Several instances on one PostgreSQL may race for a sequence number: the key refuses the loser, who tries again.
            for (var attempt = 0; ; attempt++)
            {
                var last = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
                var entry = new AuditEntry
                {
                    Sequence = (last?.Sequence ?? 0) + 1,
                    At = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()),
                    Action = action,
                    Subject = subject,
                    PreviousHash = last?.Hash ?? new byte[32],
                    Hash = [],
                };
                entry.Hash = HashOf(entry);
                db.Add(entry);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    db.Entry(entry).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            OneWriter.Release();
        }
    }

    /// <summary>The keyed reference an entry about this row carries: whoever holds the key can still find a member's entries.</summary>
    public string SubjectOf(Guid id) => Convert.ToHexStringLower(HMACSHA256.HashData(seal.KeyFor("audit/subject"), id.ToByteArray()));

    /// <summary>Null when every link holds; otherwise the sequence number of the first entry that does not.</summary>
    public async Task<long?> FirstBrokenAsync(CancellationToken ct)
    {
        var previous = new byte[32];
        long expected = 1;
        var fingerprints = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var witness in witnesses) fingerprints[witness.Action] = await witness.FingerprintsAsync(ct);
        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            var intact = entry.Sequence == expected
                && CryptographicOperations.FixedTimeEquals(entry.PreviousHash, previous)
                && CryptographicOperations.FixedTimeEquals(entry.Hash, HashOf(entry))
                && (!fingerprints.TryGetValue(entry.Action, out var held) || held.Contains(entry.Subject));
            if (!intact) return entry.Sequence;
            previous = entry.Hash;
            expected++;
        }
        return null;
    }

    public static byte[] HashOf(AuditEntry entry)
    {
        var text = Encoding.UTF8.GetBytes($"{entry.Action}\0{entry.Subject}");
        var buffer = new byte[32 + 8 + 8 + text.Length];
        entry.PreviousHash.CopyTo(buffer, 0);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(32), entry.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(40), entry.At.ToUnixTimeMilliseconds());
        text.CopyTo(buffer, 48);
        return SHA256.HashData(buffer);
    }
}
