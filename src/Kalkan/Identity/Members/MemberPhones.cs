using Kalkan.Delivery.Push;

namespace Kalkan.Identity.Members;

/// <summary>
/// A deleted account's phones hear nothing more: her push subscriptions go (said here, not left to
/// the cascade). Delivery keeps the phones and knows no member; the member side tells it to forget hers.
/// </summary>
sealed class PushErasure(PushSubscriptions subscriptions) : IMemberErasure
{
    public Task EraseAsync(Guid memberId, CancellationToken ct) => subscriptions.ForgetMemberAsync(memberId, ct);
}

/// <summary>A push subscription belongs to a member: the store's key, declared from the side that knows members.</summary>
sealed class PushSubscriptionOwnerConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> subscription) =>
        subscription.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
}
