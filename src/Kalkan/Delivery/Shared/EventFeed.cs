using Npgsql;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// On PostgreSQL, every instance's way to hear every event: it LISTENs on <see cref="EventLog.Channel"/>
/// and, at each NOTIFY (or every two seconds, should one be missed or the seal have just opened),
/// reads the rows after the last id it delivered and hands them to its <see cref="StreamHub"/>.
/// Its own events come back the same way, so every instance numbers and orders them alike. It also
/// deletes rows past <see cref="DeliveryOptions.SharedRetention"/>. On SQLite it does nothing.
/// </summary>
public sealed class EventFeed(EventOutbox outbox, EventLog log, StreamHub hub, SealState seal, IOptions<DeliveryOptions> options,
    TimeProvider clock, ILogger<EventFeed> logger) : BackgroundService
{
    const int Page = 2000, ResumeLimit = 20_000;
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2), ForgetEvery = TimeSpan.FromMinutes(1);
    readonly SemaphoreSlim reading = new(1, 1);
    readonly TaskCompletionSource tableReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // False from start and after each seal, until the first read after the seal opens (PrimeAsync).
    volatile bool primed;

    /// <summary>Completes once the shared table exists (the writer waits for it).</summary>
    internal Task TableReady => tableReady.Task;

    /// <summary>
    /// Delivers every row after the hub's last id. The first read after the seal opens only primes the
    /// hub (<see cref="PrimeAsync"/>). The listener reads on its own connection; a reconnecting phone's request on a new one.
    /// </summary>
    internal async Task CatchUpAsync(NpgsqlConnection? on, CancellationToken ct)
    {
        if (!outbox.Shared || seal.Status != SealStatus.Ready) return;
        await reading.WaitAsync(ct);
        await using var opened = on is null ? await log.Source.OpenConnectionAsync(ct) : null;
        var connection = on ?? opened!;
        try
        {
            if (!primed) await PrimeLockedAsync(connection, ct);
            await ReadAfterAsync(connection, hub.LastId, long.MaxValue, hub.Deliver, ct);
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>
    /// Before the first stream opens after a start or an unseal: the hub learns the table's newest
    /// <see cref="DeliveryOptions.ReplayEvents"/> events, for phones that resume, without handing them to
    /// streams as news (a warning acknowledged before a restart must not come back after it). Whatever
    /// is written after this is delivered live, so a stream opened after it misses nothing.
    /// </summary>
    internal async Task PrimeAsync(CancellationToken ct)
    {
        if (primed || !outbox.Shared || seal.Status != SealStatus.Ready) return;
        await reading.WaitAsync(ct);
        try
        {
            if (primed) return;
            await using var connection = await log.Source.OpenConnectionAsync(ct);
            await PrimeLockedAsync(connection, ct);
        }
        finally
        {
            reading.Release();
        }
    }

    async Task PrimeLockedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // A seal while this runs changes ClosedAt: then the next unseal primes again (whatever was written meanwhile is no news either).
        var sealedBefore = seal.ClosedAt;
        var newest = await log.NewestAsync(connection, ct);
        await ReadAfterAsync(connection, Math.Max(hub.LastId, newest - options.Value.ReplayEvents), newest, hub.Remember, ct);
        hub.SkipTo(newest);
        primed = seal.ClosedAt == sealedBefore && seal.Status == SealStatus.Ready;
    }

    async Task ReadAfterAsync(NpgsqlConnection connection, long after, long upTo, Action<IReadOnlyList<SharedEvent>> take, CancellationToken ct)
    {
        while (after < upTo)
        {
            var page = await log.ReadAsync(connection, after, Page, ct);
            var wanted = page.Events.Count > 0 && page.Events[^1].Id > upTo ? page.Events.Where(e => e.Id <= upTo).ToList() : page.Events;
            if (wanted.Count > 0) take(wanted);
            // By the rows read, not the events that opened: a row left out is passed, not taken for the end of the table.
            if (page.Rows < Page || page.LastRowId >= upTo) return;
            after = page.LastRowId;
        }
    }

    /// <summary>For a phone reconnecting with Last-Event-ID: this instance caught up, and what the table holds after her id (null on SQLite).</summary>
    internal async Task<TableResume?> ResumeAsync(string? lastEventId, CancellationToken ct)
    {
        if (!outbox.Shared || !long.TryParse(lastEventId, out var last) || seal.Status != SealStatus.Ready) return null;
        await CatchUpAsync(null, ct);
        return await log.ResumeAsync(last, ResumeLimit, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!outbox.Shared) return;
        seal.Sealed += () => primed = false;
        var forgotten = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await log.EnsureTableAsync(stop);
                tableReady.TrySetResult();
                await using var connection = await log.Source.OpenConnectionAsync(stop);
                // A notice that arrives while the catch-up's own query runs is consumed by that query and would
                // not wake WaitAsync: remember it, and read again at once instead of sleeping out the poll.
                var notified = 0;
                connection.Notification += (_, _) => Interlocked.Exchange(ref notified, 1);
                await using (var listen = new NpgsqlCommand($"LISTEN {EventLog.Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Exchange(ref notified, 0);
                    await CatchUpAsync(connection, stop);
                    if (Interlocked.Exchange(ref notified, 0) == 1) continue;
                    if (clock.GetUtcNow() - forgotten > ForgetEvery)
                    {
                        await log.ForgetAsync(connection, options.Value.SharedRetention, stop);
                        forgotten = clock.GetUtcNow();
                    }
                    // Returns at a NOTIFY (its payload, the newest id, is not needed: the rows say it) or after the poll.
                    await connection.WaitAsync(Poll, stop);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // By type only. Nothing is lost: the next round reads from the last id delivered.
                logger.LogWarning("Shared event feed interrupted: {Type}", e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }
}
