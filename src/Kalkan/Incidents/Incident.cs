namespace Kalkan.Incidents;

/// <summary>
/// A documented violation event: the identity that versions share. Who documented it is only a
/// keyed blind index of her member id, so a seized store does not say who recorded what, while a
/// documenter's own incidents are still found inside the query.
/// </summary>
public sealed class Incident
{
    public const string Table = "incidents", OwnerColumn = "owner";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] OwnerIndex { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The number of the newest version; only it may be a draft.</summary>
    public int LatestVersion { get; set; }
}

/// <summary>
/// One version of an incident. A draft changes in place; once sealed it never changes again and a
/// correction is a new version. The fields that statistics count (date span, district, violation
/// codes, trigger, consent) are plain; everything that tells the story or points at a person is in
/// <see cref="BodySealed"/> (place, point, narrative, act details, what was said of perpetrators).
/// </summary>
public sealed class IncidentVersion
{
    public const string Table = "incident_versions", BodyColumn = "body";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SealedAt { get; set; }
    public required string OccurredOn { get; set; }
    public required string Precision { get; set; }
    public DateOnly OccurredFrom { get; set; }
    public DateOnly OccurredTo { get; set; }
    public string? District { get; set; }
    public string? Trigger { get; set; }
    public bool ConsentAggregate { get; set; }
    public bool ConsentAdvocacy { get; set; }
    public bool ConsentLegal { get; set; }
    public DateTimeOffset ConsentRecordedAt { get; set; }
    /// <summary><see cref="IncidentBody"/> as JSON, sealed.</summary>
    public required byte[] BodySealed { get; set; }

    public List<IncidentAct> Acts { get; set; } = [];
    public List<IncidentPerson> People { get; set; } = [];
    public List<IncidentPerpetrator> Perpetrators { get; set; } = [];
}

/// <summary>One act (a violation code) of a version; its details are in the sealed body at the same slot.</summary>
public sealed class IncidentAct
{
    public const string Table = "incident_acts";

    public Guid VersionId { get; set; }
    public int Slot { get; set; }
    public required string Code { get; set; }
}

/// <summary>A victim or witness of a version, by pseudonym registry id: the name itself is sealed in the registry.</summary>
public sealed class IncidentPerson
{
    public const string Table = "incident_people";

    public Guid VersionId { get; set; }
    public required string Role { get; set; }
    public int Slot { get; set; }
    public Guid PseudonymId { get; set; }
    /// <summary>Whether the victim defends others' rights: the exposure of the network's own research.</summary>
    public bool? Defender { get; set; }
}

/// <summary>A perpetrator of a version, linked to a profile; what this incident said of him is in the sealed body at the same slot.</summary>
public sealed class IncidentPerpetrator
{
    public const string Table = "incident_perpetrators";

    public Guid VersionId { get; set; }
    public int Slot { get; set; }
    public Guid ProfileId { get; set; }
}

sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>, IEntityTypeConfiguration<IncidentVersion>,
    IEntityTypeConfiguration<IncidentAct>, IEntityTypeConfiguration<IncidentPerson>, IEntityTypeConfiguration<IncidentPerpetrator>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.HasIndex(i => i.OwnerIndex);
    }

    public void Configure(EntityTypeBuilder<IncidentVersion> version)
    {
        version.HasIndex(v => new { v.IncidentId, v.Number }).IsUnique();
        version.HasIndex(v => v.OccurredFrom);
        version.Property(v => v.OccurredOn).HasMaxLength(10);
        version.Property(v => v.Precision).HasMaxLength(8);
        version.Property(v => v.District).HasMaxLength(80);
        version.Property(v => v.Trigger).HasMaxLength(32);
        version.HasOne<Incident>().WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Cascade);
        version.HasMany(v => v.Acts).WithOne().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        version.HasMany(v => v.People).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        version.HasMany(v => v.Perpetrators).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IncidentAct> act)
    {
        act.HasKey(a => new { a.VersionId, a.Slot });
        act.Property(a => a.Code).HasMaxLength(32);
        act.HasIndex(a => a.Code);
    }

    public void Configure(EntityTypeBuilder<IncidentPerson> person)
    {
        person.HasKey(p => new { p.VersionId, p.Role, p.Slot });
        person.Property(p => p.Role).HasMaxLength(8);
        person.HasIndex(p => p.PseudonymId);
        person.HasOne<Pseudonym>().WithMany().HasForeignKey(p => p.PseudonymId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IncidentPerpetrator> perpetrator)
    {
        perpetrator.HasKey(p => new { p.VersionId, p.Slot });
        perpetrator.HasIndex(p => p.ProfileId);
        perpetrator.HasOne<PerpetratorProfile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Restrict);
    }
}
