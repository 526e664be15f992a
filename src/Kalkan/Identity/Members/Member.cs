namespace Kalkan.Identity.Members;

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
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Who invited her, sealed (<see cref="MemberAccounts.InviterOf"/>): the invitation tree defenders
    /// prune when a phone is seized, which a seized store must not draw for the police.
    /// </summary>
    public byte[]? InvitedBySealed { get; set; }
    /// <summary>Set when a defender cut her off; she cannot sign in again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>
    /// Her duress passphrase's hash and her decoy's id, or, on a decoy, whose decoy it is: one sealed
    /// value of the same length on every row (<see cref="DuressState"/>), so a seized store says
    /// neither who has a duress passphrase nor which account is a decoy.
    /// </summary>
    public required byte[] DuressSealed { get; set; }

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
        member.Property(m => m.Role).HasMaxLength(16);
        member.HasIndex(m => m.HandleIndex).IsUnique();
    }
}
