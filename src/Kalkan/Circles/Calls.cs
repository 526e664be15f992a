namespace Kalkan.Circles;

/// <summary>
/// An SOS: her position and note, sealed, for her circle and the defenders only, and only for this
/// call. The whole call is deleted a set time after it is resolved (<see cref="CirclesOptions.Retention"/>).
/// </summary>
public sealed class SosCall
{
    public const string Table = "sos_calls";
    // Sealed columns and blind-indexed ones, by name: each is part of its ciphertext's associated data or its index key.
    public const string OwnerColumn = "owner", PositionColumn = "position", NoteColumn = "note";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] OwnerIndex { get; set; }
    public required byte[] OwnerSealed { get; set; }
    public byte[]? PositionSealed { get; set; }
    public byte[]? NoteSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>Someone answering an SOS: "on my way", "calling". Who answered is sealed.</summary>
public sealed class SosResponse
{
    public const string Table = "sos_responses";
    public const string ResponderColumn = "responder";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SosId { get; set; }
    public required byte[] ResponderSealed { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum CheckinState { Pending = 0, Done = 1, Missed = 2 }

/// <summary>"If I have not checked in by 23:40, alert my circle." Lives on the server, so it fires when her phone is dead.</summary>
public sealed class Checkin
{
    public const string Table = "checkins";
    public const string OwnerColumn = "owner", PositionColumn = "position", NoteColumn = "note";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] OwnerIndex { get; set; }
    public required byte[] OwnerSealed { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public byte[]? NoteSealed { get; set; }
    public byte[]? PositionSealed { get; set; }
    public CheckinState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

sealed class CallsConfiguration : IEntityTypeConfiguration<SosCall>, IEntityTypeConfiguration<SosResponse>, IEntityTypeConfiguration<Checkin>
{
    public void Configure(EntityTypeBuilder<SosCall> sos)
    {
        sos.ToTable(SosCall.Table);
        sos.HasKey(s => s.Id);
        sos.HasIndex(s => s.OwnerIndex);
        sos.HasIndex(s => s.ResolvedAt);
    }

    public void Configure(EntityTypeBuilder<SosResponse> response)
    {
        response.ToTable(SosResponse.Table);
        response.HasKey(r => r.Id);
        response.Property(r => r.Kind).HasMaxLength(16);
        response.HasOne<SosCall>().WithMany().HasForeignKey(r => r.SosId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Checkin> checkin)
    {
        checkin.ToTable(Checkin.Table);
        checkin.HasKey(c => c.Id);
        checkin.HasIndex(c => new { c.State, c.DueAt });
        checkin.HasIndex(c => c.OwnerIndex);
    }
}
