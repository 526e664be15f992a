namespace Kalkan.Incidents;

/// <summary>
/// Someone who hurt members, across incidents: the pattern a complaint needs. Unit, badge, plate
/// and description are sealed; badge and plate are found again through their own blind indexes
/// over <see cref="Identifiers.Normalize"/>d text. The kind (police, client, ...) stays plain: it
/// names no one and statistics count by it.
/// </summary>
public sealed class PerpetratorProfile
{
    public const string Table = "perpetrator_profiles",
        UnitColumn = "unit", BadgeColumn = "badge", PlateColumn = "plate", DescriptionColumn = "description";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public byte[]? UnitSealed { get; set; }
    public byte[]? BadgeSealed { get; set; }
    public byte[]? BadgeIndex { get; set; }
    public byte[]? PlateSealed { get; set; }
    public byte[]? PlateIndex { get; set; }
    public byte[]? DescriptionSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class PerpetratorProfileConfiguration : IEntityTypeConfiguration<PerpetratorProfile>
{
    public void Configure(EntityTypeBuilder<PerpetratorProfile> profile)
    {
        profile.Property(p => p.Kind).HasMaxLength(16);
        profile.HasIndex(p => p.BadgeIndex);
        profile.HasIndex(p => p.PlateIndex);
    }
}
