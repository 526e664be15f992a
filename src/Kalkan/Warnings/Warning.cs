namespace Kalkan.Warnings;

public static class WarningKinds
{
    public static readonly IReadOnlyList<string> All = ["violence", "sexual_violence", "robbery", "non_payment", "stalking", "threats", "other"];
}

public static class WarningSeverities
{
    public static readonly IReadOnlyList<string> All = ["low", "medium", "high"];
}

/// <summary>What a warning and a report for review both say: plain kind, severity, district and month; sealed text.</summary>
public abstract class WarningText
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public required string Severity { get; set; }
    public required string District { get; set; }
    /// <summary>YYYY-MM: when, no closer than the month.</summary>
    public required string Month { get; set; }
    public required byte[] DescriptionSealed { get; set; }
    /// <summary>The plate and phone as typed, sealed: for the defenders who review and renew.</summary>
    public byte[]? PlateSealed { get; set; }
    public byte[]? PhoneSealed { get; set; }
}

/// <summary>
/// A published warning about a dangerous person. Kind, severity, district and month stay plain:
/// they name no one and the list shows them. The description is sealed; plate and phone are kept
/// as keyed blind indexes of their normalised form (for the checker) and as sealed text (for
/// defenders). Nothing links it to the incident or the member's report it came from (decision 1700).
/// </summary>
public sealed class Warning : WarningText
{
    public const string Table = "warnings", DescriptionColumn = "description", PlateColumn = "plate", PhoneColumn = "phone";

    public byte[]? PlateIndex { get; set; }
    public byte[]? PhoneIndex { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A member's report waiting for a defender: published (as the defender edits it) or discarded,
/// and deleted either way. Who sent it is not kept; no blind index, since nothing checks against it.
/// </summary>
public sealed class WarningReport : WarningText
{
    public const string Table = "warning_reports";

    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>
/// How many checks one member made on one (UTC) day, so the limit holds across restarts and
/// instances. The member is a keyed reference (HMAC under "warnings/checker"), never her id; past
/// days are deleted at her next check.
/// </summary>
public sealed class WarningCheckCount
{
    public const string Table = "warning_checks";

    public required byte[] MemberRef { get; set; }
    /// <summary>yyyy-MM-dd, UTC.</summary>
    public required string Day { get; set; }
    public int Count { get; set; }
}

sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>, IEntityTypeConfiguration<WarningReport>, IEntityTypeConfiguration<WarningCheckCount>
{
    public void Configure(EntityTypeBuilder<Warning> warning)
    {
        Text(warning);
        warning.HasIndex(w => w.ExpiresAt);
        warning.HasIndex(w => w.PlateIndex);
        warning.HasIndex(w => w.PhoneIndex);
    }

    public void Configure(EntityTypeBuilder<WarningReport> report) => Text(report);

    static void Text<T>(EntityTypeBuilder<T> text) where T : WarningText
    {
        text.Property(t => t.Kind).HasMaxLength(16);
        text.Property(t => t.Severity).HasMaxLength(8);
        text.Property(t => t.District).HasMaxLength(WarningInput.DistrictMaxLength);
        text.Property(t => t.Month).HasMaxLength(7);
    }

    public void Configure(EntityTypeBuilder<WarningCheckCount> count)
    {
        count.HasKey(c => new { c.MemberRef, c.Day });
        count.Property(c => c.Day).HasMaxLength(10);
    }
}
