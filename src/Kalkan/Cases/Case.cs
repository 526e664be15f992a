using Kalkan.Incidents;

namespace Kalkan.Cases;

/// <summary>
/// A complaint carried from first decision to outcome. What statistics count stays plain (the body
/// it goes to, its status, its dates); its title and notes are sealed, and who stands behind it is
/// in <see cref="CasePerson"/>, sealed too.
/// </summary>
public sealed class Case
{
    public const string Table = "cases", TitleColumn = "title", NotesColumn = "notes";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] TitleSealed { get; set; }
    public byte[]? NotesSealed { get; set; }
    public required string Body { get; set; }
    public required string Status { get; set; }
    /// <summary>The day of its latest "filed" step, as the defender gave it.</summary>
    public string? FiledOn { get; set; }
    /// <summary>
    /// Null while the watch is on without end (the case is open, or was withdrawn under pressure);
    /// otherwise the instant the retaliation watch ends (Cases:WatchMonths after it was decided,
    /// closed or withdrawn).
    /// </summary>
    public DateTimeOffset? WatchUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A complainant or helper of a case. Her pseudonym's registry id is sealed, and found again only
/// through <see cref="WatchIndex"/>, a blind index of that id: "is this person watched?" is one
/// lookup, while a seized store cannot join a case to the incidents that name her. When she is
/// also a member, her member id is sealed and indexed the same way, so her SOS and missed
/// check-ins count.
/// </summary>
public sealed class CasePerson
{
    public const string Table = "case_people", PseudonymColumn = "pseudonym", MemberColumn = "member";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Role { get; set; }
    public int Slot { get; set; }
    public required byte[] PseudonymSealed { get; set; }
    public required byte[] WatchIndex { get; set; }
    public byte[]? MemberSealed { get; set; }
    public byte[]? MemberIndex { get; set; }
}

/// <summary>A defender handling the case: a blind index of her member id (for the query) and her id sealed (to reach her stream).</summary>
public sealed class CaseAssignee
{
    public const string Table = "case_assignees", MemberColumn = "member";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required byte[] MemberIndex { get; set; }
    public required byte[] MemberSealed { get; set; }
}

public sealed class CaseIncident
{
    public const string Table = "case_incidents";

    public Guid CaseId { get; set; }
    public Guid IncidentId { get; set; }
}

/// <summary>A perpetrator profile the case is against: one named by its incidents.</summary>
public sealed class CasePerpetrator
{
    public const string Table = "case_perpetrators";

    public Guid CaseId { get; set; }
    public Guid ProfileId { get; set; }
}

/// <summary>One dated step of a case's status. The note, if any, is sealed.</summary>
public sealed class CaseStep
{
    public const string Table = "case_steps", NoteColumn = "note";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Status { get; set; }
    public required string On { get; set; }
    public bool UnderPressure { get; set; }
    public byte[]? NoteSealed { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A possible retaliation, kept so that a defender whose phone was off, or a server that restarted,
/// loses none. <see cref="SourceKey"/> is a blind index of what raised it (an incident, an SOS, a
/// check-in), unique per case, so one event never warns twice and names no row in clear.
/// </summary>
public sealed class CaseWarning
{
    public const string Table = "case_warnings", SourceColumn = "source";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Reason { get; set; }
    public required byte[] SourceKey { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

sealed class CaseConfiguration : IEntityTypeConfiguration<Case>, IEntityTypeConfiguration<CasePerson>, IEntityTypeConfiguration<CaseAssignee>,
    IEntityTypeConfiguration<CaseIncident>, IEntityTypeConfiguration<CasePerpetrator>, IEntityTypeConfiguration<CaseStep>, IEntityTypeConfiguration<CaseWarning>
{
    /// <summary>A row of one case (a person, a step, a document...): it goes when the case goes.</summary>
    internal static void PartOfCase<T>(EntityTypeBuilder<T> row, System.Linq.Expressions.Expression<Func<T, object?>> caseId) where T : class =>
        row.HasOne<Case>().WithMany().HasForeignKey(caseId).OnDelete(DeleteBehavior.Cascade);

    public void Configure(EntityTypeBuilder<Case> c)
    {
        c.Property(x => x.Body).HasMaxLength(24);
        c.Property(x => x.Status).HasMaxLength(16);
        c.Property(x => x.FiledOn).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<CasePerson> p)
    {
        p.Property(x => x.Role).HasMaxLength(12);
        p.HasIndex(x => x.WatchIndex);
        p.HasIndex(x => x.MemberIndex);
        PartOfCase(p, x => x.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseAssignee> a)
    {
        a.HasIndex(x => new { x.CaseId, x.MemberIndex }).IsUnique();
        a.HasIndex(x => x.MemberIndex);
        PartOfCase(a, x => x.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseIncident> i)
    {
        i.HasKey(x => new { x.CaseId, x.IncidentId });
        PartOfCase(i, x => x.CaseId);
        i.ReferencesIncident(x => x.IncidentId);
    }

    public void Configure(EntityTypeBuilder<CasePerpetrator> p)
    {
        p.HasKey(x => new { x.CaseId, x.ProfileId });
        p.HasIndex(x => x.ProfileId);
        PartOfCase(p, x => x.CaseId);
        p.ReferencesProfile(x => x.ProfileId);
    }

    public void Configure(EntityTypeBuilder<CaseStep> s)
    {
        s.Property(x => x.Status).HasMaxLength(16);
        s.Property(x => x.On).HasMaxLength(10);
        s.HasIndex(x => x.CaseId);
        PartOfCase(s, x => x.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseWarning> w)
    {
        w.Property(x => x.Reason).HasMaxLength(16);
        w.HasIndex(x => new { x.CaseId, x.SourceKey }).IsUnique();
        PartOfCase(w, x => x.CaseId);
    }
}
