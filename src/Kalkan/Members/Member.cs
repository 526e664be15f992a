using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kalkan.Members;

/// <summary>A person in the network, known only by a chosen handle, sealed at rest.</summary>
public sealed class Member
{
    public const string Table = "members";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Role { get; set; }
    /// <summary>The handle, sealed with <see cref="Seal.FieldCipher"/>.</summary>
    public required byte[] HandleSealed { get; set; }
    /// <summary>Keyed blind index of the handle: how sign-in finds her without plaintext.</summary>
    public required byte[] HandleIndex { get; set; }
    /// <summary>Argon2id in PHC string form.</summary>
    public required string PassphraseHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>Who invited her: the invitation tree defenders prune when a phone is seized.</summary>
    public Guid? InvitedBy { get; set; }
}

sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable(Member.Table);
        member.HasKey(m => m.Id);
        member.Property(m => m.Role).HasMaxLength(16);
        member.HasIndex(m => m.HandleIndex).IsUnique();
        member.HasIndex(m => m.InvitedBy);
    }
}
