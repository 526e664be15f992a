using Kalkan.Delivery.Push;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// Events announcing what a timer just claimed (a missed check-in, an escalation). On PostgreSQL
/// they are written in the transaction that claims: if the instance dies before it commits, the
/// claim and its events vanish together and another instance claims again, so nothing is lost and
/// nothing is announced twice. On SQLite (one instance) they are published at once, as before.
/// </summary>
public sealed class ClaimedEvents(StreamHub hub, EventOutbox outbox, EventLog log, PushQueue pushes)
{
    public bool Shared => outbox.Shared;

    public async Task PublishAsync(KalkanDb db, string eventName, IReadOnlyList<(object Payload, Audience Audience)> events, bool push, CancellationToken ct)
    {
        if (events.Count == 0) return;
        if (!outbox.Shared)
        {
            hub.PublishBatch(eventName, events, push);
            return;
        }
        await log.AppendAsync(db, [.. events.Select(e => new OutgoingEvent(eventName, StreamHub.JsonOf(e.Payload), e.Audience))], ct);
        // Before the commit: should it roll back, a phone may get one neutral push too many, never one too few.
        if (push) pushes.Enqueue(Audience.AnyOf(events.Select(e => e.Audience)));
    }
}
