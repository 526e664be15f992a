namespace Kalkan.Audit;

/// <summary>
/// One link of the append-only audit chain: what happened and when, never to whom by name. Each
/// entry's hash covers the previous one's, so an edited, removed or reordered entry breaks every
/// hash after it (`kalkan audit verify`).
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    /// <summary>A keyed reference to the row the action concerns (<see cref="AuditChain.SubjectOf"/>), or empty: never an id or a name.</summary>
    public string Subject { get; set; } = "";
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit");
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(64);
    }
}
