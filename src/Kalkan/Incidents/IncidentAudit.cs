using System.Buffers.Binary;
using Kalkan.Audit;

namespace Kalkan.Incidents;

/// <summary>What the audit chain records of incidents: ids and fingerprints, never a word of what they say.</summary>
public static class IncidentActions
{
    public const string Created = "incident.created", Drafted = "incident.drafted", Sealed = "incident.sealed",
        Versioned = "incident.versioned", Linked = "incident.linked", Read = "incident.read", Listed = "incident.listed",
        Exported = "incident.exported", ProfileRead = "perpetrator.read", EvidenceAdded = "evidence.added", EvidenceRead = "evidence.read",
        Analysed = "incident.analysed";
}

/// <summary>
/// The SHA-256 of a sealed version exactly as stored (its plain fields, its sealed body's ciphertext,
/// its acts, people and perpetrator links). Its "incident.sealed" audit entry carries it, so anyone
/// with a copy of the store, and no key, can tell that a sealed version was altered afterwards.
/// </summary>
public static class IncidentFingerprint
{
    public static string Of(IncidentVersion v)
    {
        using var hash = IncidentHash.Create();
        hash.Add(v.Id.ToString("N")).Add(v.IncidentId.ToString("N")).Add(v.Number).Add(v.CreatedAt.ToUnixTimeMilliseconds())
            .Add(v.SealedAt?.ToUnixTimeMilliseconds() ?? 0).Add(v.OccurredOn).Add(v.Precision).Add(v.District).Add(v.Trigger)
            .Add(v.ConsentAggregate ? 1 : 0).Add(v.ConsentAdvocacy ? 1 : 0).Add(v.ConsentLegal ? 1 : 0)
            .Add(v.ConsentRecordedAt.ToUnixTimeMilliseconds()).Add(v.BodySealed);
        foreach (var act in v.Acts.OrderBy(a => a.Slot)) hash.Add(act.Slot).Add(act.Code);
        foreach (var person in v.People.OrderBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Slot))
            hash.Add(person.Role).Add(person.Slot).Add(person.PseudonymId.ToString("N")).Add(person.Defender switch { true => 1, false => 0, null => 2 });
        foreach (var perpetrator in v.Perpetrators.OrderBy(p => p.Slot)) hash.Add(perpetrator.Slot).Add(perpetrator.ProfileId.ToString("N"));
        return hash.HexDigest();
    }

    /// <summary>Length-prefixed fields, so no two different versions feed the same bytes.</summary>
    sealed class IncidentHash : IDisposable
    {
        readonly IncrementalHash inner = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public static IncidentHash Create() => new();
        public IncidentHash Add(byte[] value) { Add(value.Length); inner.AppendData(value); return this; }
        public IncidentHash Add(string? value) => value is null ? Add(-1) : Add(Encoding.UTF8.GetBytes(value));
        public IncidentHash Add(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            inner.AppendData(bytes);
            return this;
        }
        public string HexDigest() => Convert.ToHexStringLower(inner.GetHashAndReset());
        public void Dispose() => inner.Dispose();
    }
}

/// <summary>Tells `audit verify` the fingerprints the sealed versions have now (found by the audit, <see cref="AuditServices.AddAuditWitnesses"/>).</summary>
sealed class SealedVersionWitness(KalkanDb db) : IAuditWitness
{
    public string Action => IncidentActions.Sealed;

    public async Task<IReadOnlySet<string>> FingerprintsAsync(CancellationToken ct)
    {
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var versions = db.Set<IncidentVersion>().AsNoTracking().Where(v => v.SealedAt != null)
            .Include(v => v.Acts).Include(v => v.People).Include(v => v.Perpetrators).AsSplitQuery().AsAsyncEnumerable();
        await foreach (var version in versions.WithCancellation(ct)) fingerprints.Add(IncidentFingerprint.Of(version));
        return fingerprints;
    }
}
