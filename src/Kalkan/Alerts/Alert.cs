namespace Kalkan.Alerts;

public static class AlertKinds
{
    public const string Checkpoint = "checkpoint", Patrol = "patrol", Raid = "raid", Other = "other";
    public static readonly IReadOnlyList<string> All = [Checkpoint, Patrol, Raid, Other];
}

public static class AlertStatus
{
    public const string Unverified = "unverified", Corroborated = "corroborated", Verified = "verified", Dismissed = "dismissed";
}

/// <summary>
/// An active report. It lives until <see cref="ExpiresAt"/>; then the sweep folds it into
/// <see cref="AlertHistory"/> and deletes it with its confirmations. The reporter is only a keyed
/// reference, never her id; the note and the place are sealed (<see cref="SealedPlace"/>): active
/// alerts are few, so merging opens them in memory rather than asking the store for distances.
/// </summary>
public sealed class Alert
{
    public const string Table = "alerts", NoteColumn = "note";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    /// <summary>Latitude and longitude, sealed.</summary>
    public required byte[] PositionSealed { get; set; }
    public Guid? LandmarkId { get; set; }
    public byte[]? NoteSealed { get; set; }
    /// <summary>HMAC of the reporter's member id under the "alerts/reporter" key.</summary>
    public required byte[] ReporterRef { get; set; }
    public string Status { get; set; } = AlertStatus.Unverified;
    public int Confirmations { get; set; }
    /// <summary>Fixed when reported, from the reporter's track record.</summary>
    public int RequiredConfirmations { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>One member's confirmation of one alert, by keyed reference: once each, never her own.</summary>
public sealed class AlertConfirmation
{
    public const string Table = "alert_confirmations";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AlertId { get; set; }
    public required byte[] MemberRef { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// How a reporter's alerts turned out, so a reporter often dismissed needs more confirmations.
/// Keyed by a second HMAC (of her reporter reference, under "alerts/track"): after an alert is
/// purged nothing in the store links this row to it.
/// </summary>
public sealed class ReporterTrack
{
    public const string Table = "alert_reporter_tracks";

    public required byte[] Key { get; set; }
    public int Reports { get; set; }
    public int Verified { get; set; }
    public int Dismissed { get; set; }
}

sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>, IEntityTypeConfiguration<AlertConfirmation>, IEntityTypeConfiguration<ReporterTrack>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.Property(a => a.Kind).HasMaxLength(16);
        alert.Property(a => a.Status).HasMaxLength(16);
        alert.HasIndex(a => a.ExpiresAt);
        alert.HasIndex(a => a.Kind);
        alert.HasOne<Landmark>().WithMany().HasForeignKey(a => a.LandmarkId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<AlertConfirmation> confirmation)
    {
        confirmation.HasIndex(c => new { c.AlertId, c.MemberRef }).IsUnique();
        confirmation.HasOne<Alert>().WithMany().HasForeignKey(c => c.AlertId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReporterTrack> track)
    {
        track.HasKey(t => t.Key);
    }
}
