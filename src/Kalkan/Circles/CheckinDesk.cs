using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Circles;

public sealed record CheckinRequest(DateTimeOffset? DueAt, string? Note, double? Lat, double? Lon);
public sealed record CheckinView(Guid Id, DateTimeOffset DueAt, string State);

/// <summary>
/// Check-in timers: "if I have not checked in by 23:40, alert my circle". She extends one, or marks
/// it done with her passphrase. Done with her duress passphrase answers exactly the same, and
/// escalates at once. Shared by the API and the page.
/// </summary>
public sealed class CheckinDesk(KalkanDb db, CircleSeal seal, PassphraseCheck check, DuressAlarm duress, Idempotency once, TimeProvider clock)
{
    public const string BusyTitle = "This check-in is already being set.", WrongPassphrase = "This is not your current passphrase.";
    static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <param name="idempotencyKey">Sent again with the same key, it answers the first check-in instead of setting a second.</param>
    public async Task<Outcome<CheckinView>> StartAsync(Guid me, CheckinRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Validation().Place(request.Lat, request.Lon, required: false);
        CheckDue(errors, request.DueAt, now);
        var note = CirclesOptions.Note(errors, request.Note);
        if (!Idempotency.IsValid(idempotencyKey)) errors.Add(Idempotency.Field, Idempotency.KeyMessage);
        var claim = errors.Any ? null : await once.ClaimAsync(me, "checkin", idempotencyKey, ct);
        if (claim is Idempotency.Done done)
        {
            var mine = seal.CheckinOwnerIndex(me);
            return await db.Set<Checkin>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == done.ResultId && c.OwnerIndex == mine, ct) is { } first
                ? Outcome<CheckinView>.Created(View(first))
                : Outcome<CheckinView>.NotFound();
        }
        if (claim is Idempotency.Busy) return Outcome<CheckinView>.Conflict(BusyTitle);
        if (errors.Any) return Outcome<CheckinView>.Invalid(errors);
        var checkin = seal.NewCheckin(me, request.DueAt!.Value.ToUniversalTime(), Places.Of(request.Lat, request.Lon), note, now);
        db.Add(checkin);
        await db.SaveChangesAsync(ct);
        await once.CompleteAsync(claim!, checkin.Id, ct);
        return Outcome<CheckinView>.Created(View(checkin));
    }

    public async Task<List<CheckinView>> MineAsync(Guid me, CancellationToken ct)
    {
        var mine = seal.CheckinOwnerIndex(me);
        var list = await db.Set<Checkin>().AsNoTracking().Where(c => c.OwnerIndex == mine && c.State == CheckinState.Pending).OrderBy(c => c.DueAt).ToListAsync(ct);
        return list.Select(View).ToList();
    }

    public async Task<Outcome<CheckinView>> ExtendAsync(Guid me, Guid id, DateTimeOffset? dueAt, CancellationToken ct)
    {
        if (await PendingAsync(me, id, ct) is not { } checkin) return Outcome<CheckinView>.NotFound();
        var errors = new Validation();
        CheckDue(errors, dueAt, clock.GetUtcNow());
        if (errors.Any) return Outcome<CheckinView>.Invalid(errors);
        checkin.DueAt = dueAt!.Value.ToUniversalTime();
        await db.SaveChangesAsync(ct);
        return Outcome<CheckinView>.Done(View(checkin));
    }

    public async Task<Outcome<CheckinView>> DoneAsync(Guid me, Guid id, string? passphrase, CancellationToken ct)
    {
        if (await PendingAsync(me, id, ct) is not { } checkin) return Outcome<CheckinView>.NotFound();
        // Under duress she may be in her decoy account: there her duress passphrase is the one that works (PassphraseCheck).
        var holder = await check.HolderAsync(me, tracked: false, ct);
        var said = await check.CheckAsync(holder, passphrase, ct);
        if (said is not (Said.Hers or Said.Duress)) return Outcome<CheckinView>.Invalid(new Validation().Add("passphrase", WrongPassphrase));

        checkin.State = CheckinState.Done;
        checkin.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // The alarm goes out after the answer, on its own scope: the answer and its timing are those of a
        // plain "done". Her circle hears it as a missed check-in; the defenders get the duress warning.
        if (said == Said.Duress)
        {
            var owner = holder.Owner.Id;
            duress.Later(owner, DuressWarnings.CheckinReason, async services =>
            {
                var directory = services.GetRequiredService<CircleDirectory>();
                var payload = CallEvents.MissedPayload(checkin, await directory.HandleOfAsync(owner, CancellationToken.None), CallEvents.DuressReason, directory.Seal);
                services.GetRequiredService<Delivery.StreamHub>().Publish(CallEvents.Missed, payload, await directory.AudienceOfAsync(owner, CancellationToken.None), push: true);
            });
        }
        return Outcome<CheckinView>.Done(View(checkin));
    }

    static void CheckDue(Validation errors, DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is null) errors.Add("dueAt", "Required: a time, e.g. 2026-12-01T23:40:00+06:00.");
        else if (due <= now) errors.Add("dueAt", "A time in the future.");
        else if (due > now + Longest) errors.Add("dueAt", "At most seven days ahead.");
    }

    Task<Checkin?> PendingAsync(Guid me, Guid id, CancellationToken ct)
    {
        var mine = seal.CheckinOwnerIndex(me);
        return db.Set<Checkin>().SingleOrDefaultAsync(c => c.Id == id && c.OwnerIndex == mine && c.State == CheckinState.Pending, ct);
    }

    static CheckinView View(Checkin c) => new(c.Id, c.DueAt, c.State.ToString().ToLowerInvariant());
}
