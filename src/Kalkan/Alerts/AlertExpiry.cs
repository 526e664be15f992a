using Kalkan.Delivery;
using Kalkan.Delivery.Shared;

namespace Kalkan.Alerts;

/// <summary>
/// Ends expired alerts: each is counted into <see cref="AlertHistory"/> (unless a defender
/// dismissed it: a false alert is no evidence of where police stand), then deleted with its
/// confirmations and its reporter reference, and `event: expired` goes to every stream. A sealed
/// server purges too: it cannot open the sealed places to count them, so what expires while it is
/// sealed is deleted uncounted (nothing outlives its time for the sake of a statistic). On SQLite the write-ahead log is truncated afterwards so
/// the deleted rows do not linger in it. On PostgreSQL several instances sweep: one at a time (an
/// advisory lock taken in the sweep's transaction; the others skip that round), and the `expired`
/// events commit with the deletion, so no alert is counted twice and none ends unannounced.
/// </summary>
sealed class AlertExpiry(IServiceScopeFactory scopes, IOptions<AlertOptions> options, StreamHub hub, ClaimedEvents announcer, TimeProvider clock, ILogger<AlertExpiry> log) : BackgroundService
{
    const long SweepLock = 0x4B616C6B616E10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store may not exist yet (before setup) or be briefly busy: the next tick retries.
                log.LogWarning("Alert sweep failed: {Type}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var places = scope.ServiceProvider.GetRequiredService<SealedPlace>();
        var unsealed = scope.ServiceProvider.GetRequiredService<SealState>().Status == SealStatus.Ready;
        // On SQLite (one instance) the transaction begins only to write, as it always did.
        await using var shared = announcer.Shared ? await db.Database.BeginTransactionAsync(ct) : null;
        if (shared is not null && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SweepLock}) AS \"Value\"").SingleAsync(ct))
            return 0; // another instance is sweeping
        var now = clock.GetUtcNow();
        var expired = await db.Set<Alert>().AsNoTracking().Where(a => a.ExpiresAt <= now)
            .Select(a => new { a.Id, a.Kind, a.PositionSealed, a.ReportedAt, a.Status }).ToListAsync(ct);
        if (expired.Count == 0) return 0;

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.HistoryTimeZone);
        // One whose place no longer opens (changed on disk) is deleted uncounted, like the rest: it must not keep every
        // other alert from ending.
        var counts = SealedRows.OpenEach(expired.Where(a => unsealed && a.Status != AlertStatus.Dismissed), a =>
            {
                var (lat, lon) = places.Open(Alert.Table, a.Id, a.PositionSealed);
                var (y, x) = Geo.CellOf(lat, lon);
                var local = TimeZoneInfo.ConvertTime(a.ReportedAt, zone);
                return (Y: y, X: x, Hour: (int)local.DayOfWeek * 24 + local.Hour, a.Kind);
            }, log, "expired alerts to count").GroupBy(cell => cell);
        var ids = expired.Select(a => a.Id).ToList();
        await using (var single = shared is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            foreach (var cell in counts)
            {
                var (y, x, hour, kind) = cell.Key;
                var row = await db.Set<AlertHistory>().FirstOrDefaultAsync(h => h.CellY == y && h.CellX == x && h.HourOfWeek == hour && h.Kind == kind, ct);
                if (row is null) db.Add(new AlertHistory { CellY = y, CellX = x, HourOfWeek = hour, Kind = kind, Count = cell.Count() });
                else row.Count += cell.Count();
            }
            await db.SaveChangesAsync(ct);
            await db.Set<AlertConfirmation>().Where(c => ids.Contains(c.AlertId)).ExecuteDeleteAsync(ct);
            await db.Set<Alert>().Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct);
            if (announcer.Shared) await announcer.PublishAsync(db, "expired", [.. ids.Select(id => ((object)new ExpiredView(id), Audience.Everyone))], push: false, ct);
            await (shared ?? single)!.CommitAsync(ct);
        }
        if (db is SqliteKalkanDb) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        if (!announcer.Shared) foreach (var id in ids) hub.Publish("expired", new ExpiredView(id), Audience.Everyone);
        log.LogInformation("Purged {Count} expired alerts", ids.Count);
        return ids.Count;
    }
}
