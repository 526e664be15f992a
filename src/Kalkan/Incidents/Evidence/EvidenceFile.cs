namespace Kalkan.Incidents.Evidence;

/// <summary>
/// A photo, recording or document attached to an incident. The bytes live sealed in the data
/// folder (evidence/ID.original, and for a JPEG evidence/ID.shared without its metadata); the row
/// keeps the SHA-256 of the original as received, which the audit chain also carries.
/// </summary>
public sealed class EvidenceFile
{
    public const string Table = "incident_evidence", NameColumn = "name";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }
    /// <summary>Hex SHA-256 of the original bytes, taken while they streamed in.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Hex SHA-256 of the copy without metadata; null when no such copy can be made for this type.</summary>
    public string? SharedSha256 { get; set; }
    public byte[]? NameSealed { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> evidence)
    {
        evidence.HasIndex(e => e.IncidentId);
        evidence.Property(e => e.MediaType).HasMaxLength(64);
        evidence.Property(e => e.Sha256).HasMaxLength(64);
        evidence.Property(e => e.SharedSha256).HasMaxLength(64);
        evidence.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EvidenceOptions
{
    public const string Section = "Incidents:Evidence";

    /// <summary>The largest file accepted, in bytes (default 50 MiB).</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;
}

/// <summary>The types accepted, each recognised by its first bytes as well as by what the client says.</summary>
public static class EvidenceTypes
{
    public static readonly IReadOnlyDictionary<string, Func<byte[], bool>> Accepted = new Dictionary<string, Func<byte[], bool>>
    {
        ["image/jpeg"] = b => b is [0xFF, 0xD8, 0xFF, ..],
        ["image/png"] = b => b is [0x89, 0x50, 0x4E, 0x47, ..],
        ["application/pdf"] = b => b is [0x25, 0x50, 0x44, 0x46, ..],
        ["audio/mpeg"] = b => b is [0x49, 0x44, 0x33, ..] or [0xFF, >= 0xE0, ..],
        ["audio/ogg"] = b => b is [0x4F, 0x67, 0x67, 0x53, ..],
        ["audio/mp4"] = b => b.Length >= 8 && b[4] == 0x66 && b[5] == 0x74 && b[6] == 0x79 && b[7] == 0x70,
        ["audio/wav"] = b => b.Length >= 12 && b is [0x52, 0x49, 0x46, 0x46, ..] && b[8] == 0x57 && b[9] == 0x41,
    };
}
