namespace Kalkan.Cases;

/// <summary>
/// A document sent to or received from the body, stored as evidence is: the file sealed in chunks
/// in the data folder, its name sealed here; its SHA-256 is plain so a copy handed to a lawyer can be checked.
/// </summary>
public sealed class CaseDocument
{
    public const string Table = "case_documents", NameColumn = "name";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Direction { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public byte[]? NameSealed { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A deadline of a case (an appeal, a hearing), its label sealed; reminded once, Cases:RemindBefore ahead.</summary>
public sealed class CaseDeadline
{
    public const string Table = "case_deadlines", LabelColumn = "label";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTimeOffset Due { get; set; }
    public required byte[] LabelSealed { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

sealed class CaseRecordConfiguration : IEntityTypeConfiguration<CaseDocument>, IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDocument> d)
    {
        d.Property(x => x.Direction).HasMaxLength(8);
        d.Property(x => x.MediaType).HasMaxLength(64);
        d.Property(x => x.Sha256).HasMaxLength(64);
        d.HasIndex(x => x.CaseId);
        CaseConfiguration.PartOfCase(d, x => x.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseDeadline> d)
    {
        d.HasIndex(x => new { x.RemindedAt, x.Due });
        CaseConfiguration.PartOfCase(d, x => x.CaseId);
    }
}
