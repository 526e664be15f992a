using Kalkan.Identity.Members;

namespace Kalkan.Alerts;

/// <summary>
/// A deleted account leaves no reporter record. Her active alerts and confirmations still warn the
/// network, so they stay until they expire, but each under a random reference that nothing leads
/// back to her (nor to her other alerts).
/// </summary>
sealed class AlertErasure(KalkanDb db, AlertDesk desk) : IMemberErasure
{
    public async Task EraseAsync(Guid memberId, CancellationToken ct)
    {
        var myRef = desk.RefOf(memberId);
        var trackKey = desk.TrackKeyOf(myRef);
        await db.Set<ReporterTrack>().Where(t => t.Key == trackKey).ExecuteDeleteAsync(ct);
        foreach (var id in await db.Set<Alert>().Where(a => a.ReporterRef == myRef).Select(a => a.Id).ToListAsync(ct))
        {
            var random = RandomNumberGenerator.GetBytes(myRef.Length);
            await db.Set<Alert>().Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ReporterRef, random), ct);
        }
        foreach (var id in await db.Set<AlertConfirmation>().Where(c => c.MemberRef == myRef).Select(c => c.Id).ToListAsync(ct))
        {
            var random = RandomNumberGenerator.GetBytes(myRef.Length);
            await db.Set<AlertConfirmation>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.MemberRef, random), ct);
        }
    }
}
