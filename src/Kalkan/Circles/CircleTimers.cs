using Kalkan.Delivery;
using Kalkan.Delivery.Shared;
using Kalkan.Identity.Members;

namespace Kalkan.Circles;

/// <summary>
/// The server-side clock of circles. Every tick (a second by default, or sooner when a check-in falls due), while unsealed: check-ins
/// past due become missed and reach her circle and the defenders; calls nobody answered or resolved
/// escalate to every defender; resolved calls and check-ins past their retention are deleted whole
/// (with their responses), so a seized store holds no history of who called for help, or when.
/// Everything it acts on is in the store, so a timer that fell due while the server was down fires
/// at the first tick after it is back (and unsealed), and each is claimed with a conditional update
/// before it is announced, so two instances never announce one twice. On PostgreSQL (several
/// instances, docs/decisions/1601) the claim and its events commit in one transaction, with rows
/// another instance is claiming skipped (SKIP LOCKED): an instance that dies mid-claim leaves
/// them pending for the next, and the transaction is its lease (rolled back when its connection
/// dies, or after <see cref="Lease"/> of silence).
/// </summary>
sealed class CircleTimers(IServiceScopeFactory scopes, SealState seal, ClaimedEvents announcer, IOptions<CirclesOptions> options,
    TimeProvider clock, ILogger<CircleTimers> log, IEnumerable<IAlarmObserver> observers) : BackgroundService
{
    // Never spin: even when the next check-in is due at once, rest this long between ticks.
    static readonly TimeSpan Breath = TimeSpan.FromMilliseconds(5);

    /// <summary>On PostgreSQL, how long a claim may sit idle before the server rolls it back for another instance.</summary>
    const string Lease = "30s";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Delay(options.Value.StartupGrace, clock, stop);
        var interval = options.Value.TimerInterval;
        while (!stop.IsCancellationRequested)
        {
            var wake = clock.GetUtcNow() + interval;
            if (seal.Status == SealStatus.Ready)
            {
                try
                {
                    // Wake when the next check-in falls due rather than at the next whole tick.
                    if (await TickAsync(stop) is { } nextDue && nextDue < wake) wake = nextDue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // By type only; the next tick tries again. On PostgreSQL a failed claim rolls back with its events; on SQLite
                    // what was claimed before the failure stays missed (in the open-calls lists) though it may not have been announced.
                    log.LogError("Circle timers failed this tick: {Type}", e.GetType().Name);
                }
            }
            var wait = wake - clock.GetUtcNow();
            await Task.Delay(wait > Breath ? wait : Breath, clock, stop);
        }
    }

    /// <summary>
    /// Every check-in past due, claimed and read back <see cref="CirclesOptions.TimerBatch"/> at a time, earliest
    /// due first (<see cref="MissedClaim"/>), each batch announced before the next is claimed: when thousands fall
    /// due at once (a restart after an outage, a network's evening), the first are heard within milliseconds
    /// instead of after the whole claim, circles and handles are read once for all of them, and each batch goes to
    /// the streams as one buffer per stream. On SQLite (one instance) a batch's claim is committed when its
    /// statement ends, before it is announced; on PostgreSQL it commits with its events. Observers hear of a
    /// missed check-in only once its claim is committed.
    /// </summary>
    async Task AnnounceMissedAsync(KalkanDb db, CircleDirectory circles, DateTimeOffset now, CancellationToken ct)
    {
        var batch = options.Value.TimerBatch;
        var announcing = new MissedAnnouncement(circles, announcer, observers, log);
        while (true)
        {
            await using var claim = await BeginClaimAsync(db, ct);
            var claimed = await MissedClaim.TakeAsync(db, now, batch, shared: claim is not null, ct);
            if (claimed.Count == 0) return;
            var missed = await announcing.PublishAsync(db, claimed, ct);
            if (claim is not null) await claim.CommitAsync(ct);
            announcing.Tell(missed);
            if (claimed.Count < batch) return;
        }
    }

    /// <summary>On PostgreSQL a transaction whose life is the claim's lease; on SQLite (one instance) none.</summary>
    async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginClaimAsync(KalkanDb db, CancellationToken ct)
    {
        if (!announcer.Shared) return null;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SET LOCAL idle_in_transaction_session_timeout = '{Lease}'", ct);
        return transaction;
    }

    /// <summary>
    /// Tells every defender, louder, of a call nobody took up: once, by whichever instance's conditional
    /// update (<paramref name="claimRow"/>) marks it escalated first.
    /// </summary>
    async Task EscalateAsync(KalkanDb db, CircleDirectory circles, string kind, Guid id, DateTimeOffset since, Func<Guid> owner,
        Func<Task<int>> claimRow, CancellationToken ct)
    {
        await using var claim = await BeginClaimAsync(db, ct);
        if (await claimRow() == 0) return;
        string? handle = null;
        try
        {
            handle = await circles.HandleOfAsync(owner(), ct);
        }
        catch (CryptographicException)
        {
            // A row changed on disk: the defenders still hear that a call went unanswered, and the next tick is not held up.
            log.LogError("An unanswered {Kind} could not be opened; escalated without a handle", kind);
        }
        await announcer.PublishAsync(db, "escalated", [(new { kind, id, handle, since }, Audience.Roles(Roles.Defender, Roles.Admin))], push: true, ct);
        if (claim is not null) await claim.CommitAsync(ct);
    }

    /// <summary>One round of every timer; answers when the next pending check-in falls due.</summary>
    async Task<DateTimeOffset?> TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var circles = scope.ServiceProvider.GetRequiredService<CircleDirectory>();
        var now = clock.GetUtcNow();
        var escalateBefore = now - options.Value.EscalateAfter;

        await AnnounceMissedAsync(db, circles, now, ct);

        foreach (var call in await db.Set<SosCall>().AsNoTracking()
                     .Where(s => s.ResolvedAt == null && s.FirstResponseAt == null && s.EscalatedAt == null && s.CreatedAt <= escalateBefore).ToListAsync(ct))
            await EscalateAsync(db, circles, "sos", call.Id, call.CreatedAt, () => circles.Seal.OwnerOf(call),
                () => db.Set<SosCall>().Where(s => s.Id == call.Id && s.EscalatedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EscalatedAt, now), ct), ct);

        foreach (var checkin in await db.Set<Checkin>().AsNoTracking()
                     .Where(c => c.State == CheckinState.Missed && c.ResolvedAt == null && c.EscalatedAt == null && c.FiredAt <= escalateBefore).ToListAsync(ct))
            await EscalateAsync(db, circles, "checkin", checkin.Id, checkin.DueAt, () => circles.Seal.OwnerOf(checkin),
                () => db.Set<Checkin>().Where(c => c.Id == checkin.Id && c.EscalatedAt == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.EscalatedAt, now), ct), ct);

        var forgetBefore = now - options.Value.Retention;
        await db.Set<SosCall>().Where(s => s.ResolvedAt <= forgetBefore).ExecuteDeleteAsync(ct);
        await db.Set<Checkin>().Where(c => c.ResolvedAt <= forgetBefore).ExecuteDeleteAsync(ct);

        var next = await db.Set<Checkin>().Where(c => c.State == CheckinState.Pending).OrderBy(c => c.DueAt).Select(c => c.DueAt).Take(1).ToListAsync(ct);
        return next.Count == 0 ? null : next[0];
    }
}
