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
    /// <summary>
    /// Who invited her, sealed (<see cref="MemberAccounts.InviterOf"/>): the invitation tree defenders
    /// prune when a phone is seized, which a seized store must not draw for the police.
    /// </summary>
    public byte[]? InvitedBySealed { get; set; }
    /// <summary>Set when a defender cut her off; she cannot sign in again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Her duress passphrase, hashed with the same salt as her passphrase so one Argon2id run checks both.</summary>
    public string? DuressHash { get; set; }
    /// <summary>The empty account a duress sign-in opens instead of hers.</summary>
    public Guid? DecoyId { get; set; }
    /// <summary>True for a decoy: never listed, never signed in to directly.</summary>
    public bool IsDecoy { get; set; }

    /// <summary>TOTP secret (RFC 6238), sealed; enabled once she proved her authenticator has it.</summary>
    public byte[]? TotpSecretSealed { get; set; }
    public bool TotpEnabled { get; set; }
    /// <summary>The last time step accepted, so a code cannot be used twice.</summary>
    public long TotpLastStep { get; set; }
}

sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable(Member.Table);
        member.HasKey(m => m.Id);
        member.Property(m => m.Role).HasMaxLength(16);
        member.HasIndex(m => m.HandleIndex).IsUnique();
    }
}
