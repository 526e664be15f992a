using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Circles;

/// <summary>
/// The server-side clock of circles. Every tick (a second by default), while unsealed: check-ins
/// past due become missed and reach her circle and the defenders; calls nobody answered or resolved
/// escalate to every defender; resolved calls and check-ins past their retention are deleted whole
/// (with their responses), so a seized store holds no history of who called for help, or when.
/// Everything it acts on is in the store, so a timer that fell due while the server was down fires
/// at the first tick after it is back (and unsealed), and each is claimed with a conditional update
/// before it is announced, so two instances never announce one twice.
/// </summary>
sealed class CircleTimers(IServiceScopeFactory scopes, SealState seal, StreamHub hub, IOptions<CirclesOptions> options,
    TimeProvider clock, ILogger<CircleTimers> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Delay(options.Value.StartupGrace, stop);
        using var ticks = new PeriodicTimer(options.Value.TimerInterval);
        do
        {
            if (seal.Status != SealStatus.Ready) continue;
            try
            {
                await TickAsync(stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // By type only; the next tick tries again, and nothing was marked fired that was not announced.
                log.LogError("Circle timers failed this tick: {Type}", e.GetType().Name);
            }
        } while (await ticks.WaitForNextTickAsync(stop));
    }

    /// <summary>
    /// Every check-in past due, claimed in one statement and announced from one read: when thousands
    /// fall due at once (a restart after an outage), circles and handles are read once for all of them.
    /// </summary>
    async Task AnnounceMissedAsync(KalkanDb db, CircleDirectory circles, DateTimeOffset now, CancellationToken ct)
    {
        var run = Guid.NewGuid();
        var claimed = await db.Set<Checkin>().Where(c => c.State == CheckinState.Pending && c.DueAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CheckinState.Missed).SetProperty(c => c.FiredAt, now).SetProperty(c => c.FiredBy, run), ct);
        if (claimed == 0) return;
        var book = await circles.AlarmBookAsync(ct);
        foreach (var checkin in await db.Set<Checkin>().AsNoTracking().Where(c => c.FiredBy == run).OrderBy(c => c.DueAt).ToListAsync(ct))
        {
            var owner = circles.OpenId(Checkin.Table, "owner", checkin.Id, checkin.OwnerSealed);
            hub.Publish("checkin-missed", Alarm.Payload(checkin, book.HandleOf(owner), "missed", circles), book.AudienceOf(owner), push: true);
        }
    }

    async Task TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var circles = scope.ServiceProvider.GetRequiredService<CircleDirectory>();
        var now = clock.GetUtcNow();
        var escalateBefore = now - options.Value.EscalateAfter;

        await AnnounceMissedAsync(db, circles, now, ct);

        foreach (var call in await db.Set<SosCall>().AsNoTracking()
                     .Where(s => s.ResolvedAt == null && s.FirstResponseAt == null && s.EscalatedAt == null && s.CreatedAt <= escalateBefore).ToListAsync(ct))
        {
            if (await db.Set<SosCall>().Where(s => s.Id == call.Id && s.EscalatedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EscalatedAt, now), ct) == 0) continue;
            var owner = circles.OpenId(SosCall.Table, "owner", call.Id, call.OwnerSealed);
            hub.Publish("escalated", new { kind = "sos", id = call.Id, handle = await circles.HandleOfAsync(owner, ct), since = call.CreatedAt },
                Audience.Roles(Roles.Defender, Roles.Admin), push: true);
        }

        foreach (var checkin in await db.Set<Checkin>().AsNoTracking()
                     .Where(c => c.State == CheckinState.Missed && c.ResolvedAt == null && c.EscalatedAt == null && c.FiredAt <= escalateBefore).ToListAsync(ct))
        {
            if (await db.Set<Checkin>().Where(c => c.Id == checkin.Id && c.EscalatedAt == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.EscalatedAt, now), ct) == 0) continue;
            var owner = circles.OpenId(Checkin.Table, "owner", checkin.Id, checkin.OwnerSealed);
            hub.Publish("escalated", new { kind = "checkin", id = checkin.Id, handle = await circles.HandleOfAsync(owner, ct), since = checkin.DueAt },
                Audience.Roles(Roles.Defender, Roles.Admin), push: true);
        }

        var forgetBefore = now - options.Value.Retention;
        await db.Set<SosCall>().Where(s => s.ResolvedAt <= forgetBefore).ExecuteDeleteAsync(ct);
        await db.Set<Checkin>().Where(c => c.ResolvedAt <= forgetBefore).ExecuteDeleteAsync(ct);
    }
}
