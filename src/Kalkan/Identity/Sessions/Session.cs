namespace Kalkan.Identity.Sessions;

/// <summary>
/// A signed-in device. The token itself is never stored, only its SHA-256; whose session it is is
/// sealed (to read it) and keyed (to find her sessions), so a seized disk does not link sessions
/// to members.
/// </summary>
public sealed class Session
{
    public const string Table = "sessions";
    public const string MemberColumn = "member";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] TokenHash { get; set; }
    /// <summary>The member's id, sealed under this row.</summary>
    public required byte[] MemberSealed { get; set; }
    /// <summary>A keyed HMAC of the member's id: finds her sessions, says nothing without the root key.</summary>
    public required byte[] MemberIndex { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set by quick exit: the session stays hers but opens nothing until her passphrase is typed again.</summary>
    public DateTimeOffset? LockedAt { get; set; }

    /// <summary>A browser's session (the sign-in page): it locks after a few idle minutes. API clients' sessions do not.</summary>
    public bool LocksWhenIdle { get; set; }
}

sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.HasIndex(s => s.TokenHash).IsUnique();
        session.HasIndex(s => s.MemberIndex);
    }
}
