using Kalkan.Audit;

namespace Kalkan.Incidents.Evidence;

public enum EvidenceOutcome { Done, NotFound, TooLarge, RefusedType }

public sealed record EvidenceView(Guid Id, string MediaType, long Size, string Sha256, string? SharedSha256, string? Name, DateTimeOffset AddedAt);

/// <summary>
/// Receives evidence as a stream: hashes and seals it chunk by chunk on its way to disk, then, for
/// a JPEG, writes the sealed copy without metadata from the sealed original. Anything refused or
/// cut short leaves no file and no row behind.
/// </summary>
public sealed class EvidenceStore(KalkanDb db, SealState seal, FieldCipher cipher, AuditChain audit, IOptions<EvidenceOptions> options, IOptions<StoreOptions> store, TimeProvider clock)
{
    public const string Original = "original", Shared = "shared";

    string Folder => Path.Combine(store.Value.FilesRoot, DataFolder.Evidence);
    string PathOf(Guid id, string copy) => Path.Combine(Folder, $"{id:N}.{copy}");
    byte[] KeyOf(string copy) => seal.KeyFor($"file/{EvidenceFile.Table}/{copy}");
    static string Binding(Guid id, string copy) => $"{EvidenceFile.Table}\0{copy}\0{id:N}";

    public async Task<(EvidenceOutcome, EvidenceView?)> AddAsync(Viewer viewer, Guid incidentId, string? mediaType, string? name, long? length, Stream body, CancellationToken ct)
    {
        if (!await db.Set<Incident>().VisibleTo(viewer).AnyAsync(i => i.Id == incidentId, ct)) return (EvidenceOutcome.NotFound, null);
        mediaType = mediaType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !EvidenceTypes.Accepted.TryGetValue(mediaType, out var looksRight)) return (EvidenceOutcome.RefusedType, null);
        if (length > options.Value.MaxBytes) return (EvidenceOutcome.TooLarge, null);

        var evidence = new EvidenceFile { IncidentId = incidentId, MediaType = mediaType, Sha256 = "", AddedAt = clock.GetUtcNow() };
        DataFolder.Ensure(Folder);
        var stored = false;
        try
        {
            var received = await SealedFile.ReceiveAsync(body, PathOf(evidence.Id, Original), KeyOf(Original), Binding(evidence.Id, Original),
                options.Value.MaxBytes, looksRight, ct);
            if (received.Receipt != SealedFile.Receipt.Stored)
                return (received.Receipt == SealedFile.Receipt.TooLarge ? EvidenceOutcome.TooLarge : EvidenceOutcome.RefusedType, null);
            (evidence.Size, evidence.Sha256) = (received.Size, received.Sha256);
            if (mediaType == "image/jpeg") evidence.SharedSha256 = await WriteSharedAsync(evidence.Id, JpegMetadata.StripAsync, ct);
            if (mediaType == "image/png") evidence.SharedSha256 = await WriteSharedAsync(evidence.Id, PngMetadata.StripAsync, ct);
            if (!string.IsNullOrWhiteSpace(name) && name.Length <= 255)
                evidence.NameSealed = cipher.Encrypt(name.Trim(), new FieldRef(EvidenceFile.Table, EvidenceFile.NameColumn, evidence.Id));
            db.Add(evidence);
            await audit.RecordFingerprintAsync(IncidentActions.EvidenceAdded, evidence.Sha256, ct);
            stored = true;
            return (EvidenceOutcome.Done, View(evidence));
        }
        catch (Exception e) when (e is JpegMetadata.NotJpegException or PngMetadata.NotPngException)
        {
            return (EvidenceOutcome.RefusedType, null);
        }
        finally
        {
            if (!stored) { File.Delete(PathOf(evidence.Id, Original)); File.Delete(PathOf(evidence.Id, Shared)); }
        }
    }

    /// <summary>The copy to view or share, written from the sealed original through a filter that drops the type's metadata.</summary>
    async Task<string> WriteSharedAsync(Guid id, Func<Stream, Func<ReadOnlyMemory<byte>, CancellationToken, Task>, CancellationToken, Task> strip, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var original = OpenCopy(id, Original);
        await using var writer = new SealedFile.Writer(SealedFile.Create(PathOf(id, Shared)), KeyOf(Shared), Binding(id, Shared));
        await strip(original, async (bytes, token) => { sha.AppendData(bytes.Span); await writer.WriteAsync(bytes, token); }, ct);
        await writer.CompleteAsync(ct);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A copy's plaintext as a stream, or null when the evidence is not on a visible incident or has no such copy.</summary>
    public async Task<(EvidenceView View, Stream Content)?> OpenAsync(Viewer viewer, Guid incidentId, Guid evidenceId, string copy, CancellationToken ct)
    {
        var visible = db.Set<Incident>().VisibleTo(viewer).Select(i => i.Id);
        var evidence = await db.Set<EvidenceFile>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.IncidentId == incidentId && visible.Contains(e.IncidentId), ct);
        if (evidence is null || copy == Shared && evidence.SharedSha256 is null) return null;
        await audit.RecordAsync(IncidentActions.EvidenceRead, evidence.Id, ct);
        return (View(evidence), OpenCopy(evidence.Id, copy));
    }

    public async Task<List<EvidenceView>> ListAsync(Guid incidentId, CancellationToken ct) =>
        [.. (await db.Set<EvidenceFile>().AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.AddedAt).ToListAsync(ct)).Select(View)];

    Stream OpenCopy(Guid id, string copy) => new SealedFile.Reader(File.OpenRead(PathOf(id, copy)), KeyOf(copy), Binding(id, copy));

    EvidenceView View(EvidenceFile e) => new(e.Id, e.MediaType, e.Size, e.Sha256, e.SharedSha256,
        e.NameSealed is null ? null : cipher.DecryptString(e.NameSealed, new FieldRef(EvidenceFile.Table, EvidenceFile.NameColumn, e.Id)), e.AddedAt);
}

/// <summary>Tells `audit verify` the hashes the evidence rows hold now.</summary>
sealed class EvidenceWitness(KalkanDb db) : IAuditWitness
{
    public string Action => IncidentActions.EvidenceAdded;

    public async Task<IReadOnlySet<string>> FingerprintsAsync(CancellationToken ct) =>
        (await db.Set<EvidenceFile>().AsNoTracking().Select(e => e.Sha256).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
}
