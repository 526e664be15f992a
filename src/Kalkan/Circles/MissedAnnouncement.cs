using Kalkan.Delivery;
using Kalkan.Delivery.Shared;

namespace Kalkan.Circles;

/// <summary>
/// One timer round's announcing of missed check-ins, batch by batch: each check-in opened, made into
/// the event her circle and the defenders hear, and published; then the observers told. The circles
/// and handles are read once for the round (at its first batch), and each owner's audience is made
/// once, so the hub matches each circle once per stream. Batches are announced one after another.
/// </summary>
sealed class MissedAnnouncement(CircleDirectory circles, ClaimedEvents announcer, IEnumerable<IAlarmObserver> observers, ILogger log)
{
    readonly Dictionary<Guid, Audience> audiences = [];
    CircleDirectory.AlarmBook? book;

    /// <summary>Publishes one claimed batch; on PostgreSQL its events are written in the claim's transaction, <paramref name="db"/>'s.</summary>
    /// <returns>The owners and ids announced, to <see cref="Tell"/> the observers once the claim is committed.</returns>
    public async Task<List<(Guid Owner, Guid Checkin)>> PublishAsync(KalkanDb db, List<Checkin> claimed, CancellationToken ct)
    {
        // The circles and handles, read once for the round at its first batch.
        var alarms = book ??= await circles.AlarmBookAsync(ct);
        // A row changed on disk does not hold the others back: it is left out and counted, never named.
        var opened = SealedRows.OpenEach(claimed, checkin =>
        {
            var owner = circles.Seal.OwnerOf(checkin);
            return (Owner: owner, checkin.Id, Payload: CallEvents.MissedPayload(checkin, alarms.HandleOf(owner), CallEvents.MissedReason, circles.Seal));
        }, log, "missed check-ins (not announced)");
        var events = new List<(object, Audience)>(opened.Count);
        var missed = new List<(Guid Owner, Guid Checkin)>(opened.Count);
        foreach (var (owner, id, payload) in opened)
        {
            if (!audiences.TryGetValue(owner, out var audience)) audiences[owner] = audience = alarms.AudienceOf(owner);
            events.Add((payload, audience));
            missed.Add((owner, id));
        }
        await announcer.PublishAsync(db, CallEvents.Missed, events, push: true, ct);
        return missed;
    }

    public void Tell(List<(Guid Owner, Guid Checkin)> missed)
    {
        foreach (var (owner, id) in missed)
            foreach (var observer in observers) observer.CheckinMissed(owner, id);
    }
}
