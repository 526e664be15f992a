namespace Kalkan.Delivery.Push;

/// <summary>
/// A phone that asked for push. Endpoint and keys are sealed: an endpoint names the phone to its
/// push service. The blind index finds it again for replacing and deleting.
/// </summary>
public sealed class PushSubscription
{
    public const string Table = "push_subscriptions";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public required byte[] EndpointSealed { get; set; }
    public required byte[] EndpointIndex { get; set; }
    public required byte[] P256dhSealed { get; set; }
    public required byte[] AuthSealed { get; set; }
    /// <summary>The language her pages were in when she subscribed ("ru"), sealed: a lock-screen text in it.</summary>
    public required byte[] LanguageSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> subscription)
    {
        subscription.HasIndex(s => s.EndpointIndex).IsUnique();
        subscription.HasIndex(s => s.MemberId); // its key to the members table is declared by Members (MemberPhones)
    }
}
