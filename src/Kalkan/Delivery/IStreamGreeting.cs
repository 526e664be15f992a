namespace Kalkan.Delivery;

/// <summary>
/// A feature that keeps open state (an unanswered SOS, a missed check-in) tells a stream that has
/// just opened what is still open for its member, as the events it would have heard. Delivery asks
/// every registered greeting and writes their frames first; it does not know what they mean.
/// </summary>
public interface IStreamGreeting
{
    Task<IEnumerable<(string Event, object Payload)>> StillOpenAsync(Guid memberId, string role, CancellationToken ct);
}
