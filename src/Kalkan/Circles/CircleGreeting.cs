using Kalkan.Delivery;

namespace Kalkan.Circles;

/// <summary>
/// When someone's stream opens, the calls she attends that are still open: unresolved SOS calls and
/// missed check-ins of her circles (all of them for a defender), as the `sos` and `checkin-missed`
/// events she would have heard. So a friend whose phone was off, or a server that restarted and
/// fired a timer before the phones were back, loses nothing.
/// </summary>
sealed class CircleGreeting(CallsAttended attended, TimeProvider clock) : IStreamGreeting
{
    static readonly TimeSpan Recent = TimeSpan.FromDays(1);

    public async Task<IEnumerable<(string Event, object Payload)>> StillOpenAsync(Guid memberId, string role, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Recent;
        var caller = new Caller(memberId, role);
        var frames = new List<(string, object)>();
        foreach (var call in await attended.SosAsync(caller, since, own: false, ct))
            frames.Add((CallEvents.Sos, CallEvents.SosPayload(call.Id, call.Handle, Places.Of(call.Lat, call.Lon), call.Note, call.CreatedAt)));
        foreach (var missed in await attended.MissedAsync(caller, since, ct))
            frames.Add((CallEvents.Missed, CallEvents.MissedPayload(missed, CallEvents.MissedReason)));
        return frames;
    }
}
