using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kalkan.Sessions;

/// <summary>A signed-in device. The token itself is never stored, only its SHA-256.</summary>
public sealed class Session
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] TokenHash { get; set; }
    public Guid MemberId { get; set; }
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
        session.ToTable("sessions");
        session.HasKey(s => s.Id);
        session.HasIndex(s => s.TokenHash).IsUnique();
        session.HasIndex(s => s.MemberId);
        session.HasOne<Members.Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
