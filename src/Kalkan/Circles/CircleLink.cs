namespace Kalkan.Circles;

/// <summary>
/// One trusted member in someone's circle. Who trusts whom is itself sensitive: the two member ids
/// are sealed together, and found again only through keyed blind indexes of each id, so a seized
/// store does not say who is in whose circle.
/// </summary>
public sealed class CircleLink
{
    public const string Table = "circle_links";
    // Blind-indexed and sealed columns, by name: each is part of its index key or its ciphertext's associated data.
    public const string OwnerColumn = "owner", MemberColumn = "member", PairColumn = "pair", HandleColumn = "handle";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] OwnerIndex { get; set; }
    public required byte[] MemberIndex { get; set; }
    /// <summary>"owner-id:member-id", sealed. The member id is a random one when the handle she typed is no member's.</summary>
    public required byte[] PairSealed { get; set; }
    /// <summary>The handle as she typed it, sealed: what her circle page shows while the invitation is pending.</summary>
    public required byte[] HandleSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Null while the invited member has not accepted.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }
}

sealed class CircleLinkConfiguration : IEntityTypeConfiguration<CircleLink>
{
    public void Configure(EntityTypeBuilder<CircleLink> link)
    {
        link.HasIndex(l => l.OwnerIndex);
        link.HasIndex(l => l.MemberIndex);
    }
}
