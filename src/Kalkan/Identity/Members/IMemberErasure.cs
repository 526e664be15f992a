namespace Kalkan.Identity.Members;

/// <summary>
/// What a feature keeps about a member, erased when she deletes her account: each feature that
/// stores something of hers registers one, so deleting an account needs no feature's internals.
/// Runs inside the deletion's transaction, on the request's store.
/// </summary>
public interface IMemberErasure
{
    Task EraseAsync(Guid memberId, CancellationToken ct);
}
