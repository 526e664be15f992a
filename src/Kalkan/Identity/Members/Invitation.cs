namespace Kalkan.Identity.Members;

/// <summary>
/// A one-time code for one role. Found by its keyed hash; the code itself is kept only sealed, so
/// its inviter can list and cancel her open codes and a seized store cannot be used to join.
/// </summary>
public sealed class Invitation
{
    public const string Table = "invitations", CodeColumn = "code";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] CodeIndex { get; set; }
    public required byte[] CodeSealed { get; set; }
    /// <summary>Join attempts made with it: a few are allowed (a taken handle, a typo), not thousands.</summary>
    public int Attempts { get; set; }
    public required string Role { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.Role).HasMaxLength(16);
        invitation.HasIndex(i => i.CodeIndex).IsUnique();
        invitation.HasIndex(i => i.CreatedBy);
        invitation.HasOne<Member>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.SetNull);
    }
}
