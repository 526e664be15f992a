using Kalkan.Members;

namespace Kalkan.Delivery.Push;

/// <summary>A deleted account's phones hear nothing more: her push subscriptions go (said here, not left to a cascade).</summary>
sealed class PushErasure(KalkanDb db) : IMemberErasure
{
    public Task EraseAsync(Guid memberId, CancellationToken ct) =>
        db.Set<PushSubscription>().Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
}
