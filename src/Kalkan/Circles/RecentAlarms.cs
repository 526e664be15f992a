namespace Kalkan.Circles;

/// <summary>
/// The alarms raised since a moment, as <see cref="IAlarmObserver"/>s were told of them: SOS calls
/// still stored and missed check-ins. An observer queues in memory, so a process that stops between
/// storing an alarm and handling its notice would lose it; this is how such a feature catches up at start.
/// An alarm whose row no longer opens (changed on disk) is left out and counted, so it cannot stop the catch-up of the others.
/// </summary>
public sealed class RecentAlarms(KalkanDb db, CircleSeal seal, ILogger<RecentAlarms> log)
{
    public sealed record Raised(Guid Member, Guid Source, bool Sos, DateTimeOffset At);

    public async Task<List<Raised>> SinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var calls = await db.Set<SosCall>().AsNoTracking().Where(c => c.CreatedAt >= since).ToListAsync(ct);
        var missed = await db.Set<Checkin>().AsNoTracking().Where(c => c.State == CheckinState.Missed && c.FiredAt >= since).ToListAsync(ct);
        return [.. SealedRows.OpenEach(calls, c => new Raised(seal.OwnerOf(c), c.Id, Sos: true, c.CreatedAt), log, "recent SOS calls"),
                .. SealedRows.OpenEach(missed, c => new Raised(seal.OwnerOf(c), c.Id, Sos: false, c.FiredAt!.Value), log, "recent missed check-ins")];
    }
}
