using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Circles;

/// <summary>
/// When someone's stream opens, the calls she attends that are still open: unresolved SOS calls and
/// missed check-ins of her circles (all of them for a defender), as the `sos` and `checkin-missed`
/// events she would have heard. So a friend whose phone was off, or a server that restarted and
/// fired a timer before the phones were back, loses nothing.
/// </summary>
sealed class CircleGreeting(KalkanDb db, CircleDirectory circles, TimeProvider clock) : IStreamGreeting
{
    static readonly TimeSpan Recent = TimeSpan.FromDays(1);

    public async Task<IEnumerable<(string Event, object Payload)>> StillOpenAsync(Guid memberId, string role, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Recent;
        var calls = await db.Set<SosCall>().AsNoTracking().Where(s => s.ResolvedAt == null && s.CreatedAt >= since).ToListAsync(ct);
        var missed = await db.Set<Checkin>().AsNoTracking().Where(c => c.State == CheckinState.Missed && c.ResolvedAt == null && c.DueAt >= since).ToListAsync(ct);
        if (calls.Count == 0 && missed.Count == 0) return [];

        var book = await circles.AlarmBookAsync(ct);
        var defender = Roles.AttendsEveryone(role);
        bool Attends(Guid owner) => owner != memberId && (defender || book.CircleOf(owner).Contains(memberId));
        var frames = new List<(string, object)>();
        foreach (var call in calls)
        {
            var owner = circles.OpenId(SosCall.Table, "owner", call.Id, call.OwnerSealed);
            if (!Attends(owner)) continue;
            var position = CircleDirectory.ParsePosition(circles.Open(SosCall.Table, "position", call.Id, call.PositionSealed));
            frames.Add(("sos", new { id = call.Id, handle = book.HandleOf(owner), lat = position?.Lat, lon = position?.Lon,
                note = circles.Open(SosCall.Table, "note", call.Id, call.NoteSealed), at = call.CreatedAt }));
        }
        foreach (var checkin in missed)
        {
            var owner = circles.OpenId(Checkin.Table, "owner", checkin.Id, checkin.OwnerSealed);
            if (Attends(owner)) frames.Add(("checkin-missed", Alarm.Payload(checkin, book.HandleOf(owner), "missed", circles)));
        }
        return frames;
    }
}
