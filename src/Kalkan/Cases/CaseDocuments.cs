using Kalkan.Audit;
using Kalkan.Incidents.Evidence;

namespace Kalkan.Cases;

public enum DocumentOutcome { Done, NotFound, TooLarge, RefusedType, BadDirection }

public sealed record DocumentView(Guid Id, string Direction, string MediaType, long Size, string Sha256, string? Name, DateTimeOffset AddedAt);

/// <summary>
/// The documents of a case, sent and received, stored as evidence is (<see cref="SealedFile"/>:
/// sealed chunk by chunk on the way to disk, never whole in memory). Only the case's own defenders
/// and admins add, list or read them; every addition and read is in the audit chain.
/// </summary>
public sealed class CaseDocuments(KalkanDb db, SealState seal, FieldCipher cipher, AuditChain audit, IOptions<EvidenceOptions> options,
    IOptions<StoreOptions> store, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Directions = ["sent", "received"];

    string Folder => Path.Combine(store.Value.FilesRoot, DataFolder.CaseDocuments);
    string PathOf(Guid id) => Path.Combine(Folder, $"{id:N}.sealed");
    byte[] Key => seal.KeyFor($"file/{CaseDocument.Table}");
    static string Binding(Guid id) => $"{CaseDocument.Table}\0{id:N}";

    /// <summary>What a document may be: what evidence may be, and plain text (a letter typed out).</summary>
    static bool Accepts(string mediaType, out Func<byte[], bool> looksRight)
    {
        looksRight = _ => true;
        return mediaType == "text/plain" || EvidenceTypes.Accepted.TryGetValue(mediaType, out looksRight!);
    }

    public async Task<(DocumentOutcome, DocumentView?)> AddAsync(CaseReader reader, Guid caseId, string? direction, string? mediaType, string? name,
        long? length, Stream body, CancellationToken ct)
    {
        if (!await db.Set<Case>().HandledBy(db, reader).AnyAsync(c => c.Id == caseId, ct)) return (DocumentOutcome.NotFound, null);
        if (direction is null || !Directions.Contains(direction)) return (DocumentOutcome.BadDirection, null);
        mediaType = mediaType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !Accepts(mediaType, out var looksRight)) return (DocumentOutcome.RefusedType, null);
        if (length > options.Value.MaxBytes) return (DocumentOutcome.TooLarge, null);
        var document = new CaseDocument { CaseId = caseId, Direction = direction, MediaType = mediaType, Sha256 = "", AddedAt = clock.GetUtcNow() };
        DataFolder.Ensure(Folder);
        var stored = false;
        try
        {
            var received = await SealedFile.ReceiveAsync(body, PathOf(document.Id), Key, Binding(document.Id), options.Value.MaxBytes, looksRight, ct);
            if (received.Receipt != SealedFile.Receipt.Stored)
                return (received.Receipt == SealedFile.Receipt.TooLarge ? DocumentOutcome.TooLarge : DocumentOutcome.RefusedType, null);
            (document.Size, document.Sha256) = (received.Size, received.Sha256);
            if (!string.IsNullOrWhiteSpace(name) && name.Length <= 255)
                document.NameSealed = cipher.Encrypt(name.Trim(), new FieldRef(CaseDocument.Table, CaseDocument.NameColumn, document.Id));
            db.Add(document);
            await audit.RecordAsync(CaseActions.DocumentAdded, caseId, ct);
            stored = true;
            return (DocumentOutcome.Done, View(document));
        }
        finally
        {
            if (!stored) File.Delete(PathOf(document.Id));
        }
    }

    /// <summary>A document's plaintext as a stream, or null for anyone who does not handle the case.</summary>
    public async Task<(DocumentView View, Stream Content)?> OpenAsync(CaseReader reader, Guid caseId, Guid documentId, CancellationToken ct)
    {
        var handled = db.Set<Case>().HandledBy(db, reader).Select(c => c.Id);
        var document = await db.Set<CaseDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.CaseId == caseId && handled.Contains(d.CaseId), ct);
        if (document is null) return null;
        await audit.RecordAsync(CaseActions.DocumentRead, caseId, ct);
        return (View(document), new SealedFile.Reader(File.OpenRead(PathOf(document.Id)), Key, Binding(document.Id)));
    }

    public async Task<List<DocumentView>> ListAsync(CaseReader reader, Guid caseId, CancellationToken ct)
    {
        var handled = db.Set<Case>().HandledBy(db, reader).Select(c => c.Id);
        return [.. (await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == caseId && handled.Contains(d.CaseId)).OrderBy(d => d.AddedAt).ToListAsync(ct)).Select(View)];
    }

    DocumentView View(CaseDocument d) => new(d.Id, d.Direction, d.MediaType, d.Size, d.Sha256,
        d.NameSealed is null ? null : cipher.DecryptString(d.NameSealed, new FieldRef(CaseDocument.Table, CaseDocument.NameColumn, d.Id)), d.AddedAt);
}
