using System.Security.Claims;
using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Circles;

/// <summary>
/// Check-in timers: "if I have not checked in by 23:40, alert my circle". She extends one, or marks
/// it done with her passphrase. Done with her duress passphrase answers exactly the same, and
/// escalates at once.
/// </summary>
public static class CheckinEndpoints
{
    public sealed record CheckinRequest(DateTimeOffset? DueAt, string? Note, double? Lat, double? Lon);
    public sealed record CheckinView(Guid Id, DateTimeOffset DueAt, string State);
    public sealed record ExtendRequest(DateTimeOffset? DueAt);
    public sealed record DoneRequest(string? Passphrase);

    static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static RouteGroupBuilder MapCheckins(this RouteGroupBuilder api)
    {
        api.MapPost("/checkins", Start);
        api.MapGet("/checkins", Mine);
        api.MapPost("/checkins/{id:guid}/extend", Extend);
        api.MapPost("/checkins/{id:guid}/done", Done);
        api.MapGet("/checkins/missed", Missed);
        api.MapPost("/checkins/{id:guid}/resolve", Resolve);
        return api;
    }

    /// <param name="idempotencyKey">Sent again with the same key, it answers the first check-in instead of setting a second.</param>
    public static async Task<Results<Created<CheckinView>, ValidationProblem, ProblemHttpResult>> Start(CheckinRequest request, ClaimsPrincipal user,
        KalkanDb db, CircleDirectory circles, TimeProvider clock, Idempotency once,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = Places.Validate(request.Lat, request.Lon, required: false);
        CheckDue(errors, request.DueAt, now);
        if (request.Note is { Length: > 280 }) errors.Add("note", "At most 280 characters.");
        if (!Idempotency.IsValid(idempotencyKey)) errors.Add(Idempotency.Field, "From 8 to 100 characters.");
        var me = user.MemberId();
        var claim = errors.Any ? null : await once.ClaimAsync(me, "checkin", idempotencyKey, ct);
        var mine = circles.CheckinOwnerIndex(me);
        if (claim is Idempotency.Done done)
            return await db.Set<Checkin>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == done.ResultId && c.OwnerIndex == mine, ct) is { } first
                ? TypedResults.Created($"/api/v1/checkins/{first.Id}", View(first))
                : CircleEndpoints.NotFound();
        if (claim is Idempotency.Busy) return TypedResults.Problem(title: "This check-in is already being set.", statusCode: StatusCodes.Status409Conflict);
        if (errors.Any) return errors.Problem();
        var checkin = new Checkin { OwnerIndex = circles.CheckinOwnerIndex(me), OwnerSealed = [], DueAt = request.DueAt!.Value.ToUniversalTime(), CreatedAt = now };
        checkin.OwnerSealed = circles.Seal(Checkin.Table, "owner", checkin.Id, me.ToString("N"));
        if (!string.IsNullOrWhiteSpace(request.Note)) checkin.NoteSealed = circles.Seal(Checkin.Table, "note", checkin.Id, request.Note.Trim());
        if (request.Lat is { } lat && request.Lon is { } lon) checkin.PositionSealed = circles.Seal(Checkin.Table, "position", checkin.Id, CircleDirectory.Position(lat, lon));
        db.Add(checkin);
        await db.SaveChangesAsync(ct);
        await once.CompleteAsync(claim!, checkin.Id, ct);
        return TypedResults.Created($"/api/v1/checkins/{checkin.Id}", View(checkin));
    }

    public static async Task<Ok<List<CheckinView>>> Mine(ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var mine = circles.CheckinOwnerIndex(user.MemberId());
        var list = await db.Set<Checkin>().AsNoTracking().Where(c => c.OwnerIndex == mine && c.State == CheckinState.Pending).OrderBy(c => c.DueAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(View).ToList());
    }

    public static async Task<Results<Ok<CheckinView>, ValidationProblem, ProblemHttpResult>> Extend(Guid id, ExtendRequest request, ClaimsPrincipal user,
        KalkanDb db, CircleDirectory circles, TimeProvider clock, CancellationToken ct)
    {
        var checkin = await MineAsync(id, user, db, circles, ct);
        if (checkin is null) return CircleEndpoints.NotFound();
        var errors = new Validation();
        CheckDue(errors, request.DueAt, clock.GetUtcNow());
        if (errors.Any) return errors.Problem();
        checkin.DueAt = request.DueAt!.Value.ToUniversalTime();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(checkin));
    }

    public static async Task<Results<Ok<CheckinView>, ValidationProblem, ProblemHttpResult>> Done(Guid id, DoneRequest request, ClaimsPrincipal user,
        KalkanDb db, CircleDirectory circles, PassphraseCheck check, StreamHub hub, DuressAlarm duress, TimeProvider clock, CancellationToken ct)
    {
        var checkin = await MineAsync(id, user, db, circles, ct);
        if (checkin is null) return CircleEndpoints.NotFound();
        // Under duress she may be in her decoy account: there her duress passphrase is the one that works (PassphraseCheck).
        var holder = await check.HolderAsync(user.MemberId(), tracked: false, ct);
        var said = await check.CheckAsync(holder, request.Passphrase, ct);
        if (said is not (Said.Hers or Said.Duress)) return new Validation().Add("passphrase", "This is not your current passphrase.").Problem();

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
                hub.Publish("checkin-missed", await Alarm.PayloadAsync(checkin, owner, "duress", directory, CancellationToken.None),
                    await directory.AudienceOfAsync(owner, CancellationToken.None), push: true);
            });
        }
        return TypedResults.Ok(View(checkin));
    }

    public sealed record MissedView(Guid Id, string Handle, DateTimeOffset DueAt, string? Note, double? Lat, double? Lon);

    /// <summary>Missed check-ins not yet resolved, that this caller attends: all for a defender, her circles' for a member.</summary>
    public static async Task<Ok<List<MissedView>>> Missed(ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var views = new List<MissedView>();
        foreach (var c in await db.Set<Checkin>().AsNoTracking().Where(c => c.State == CheckinState.Missed && c.ResolvedAt == null).OrderBy(c => c.DueAt).ToListAsync(ct))
        {
            var owner = circles.OpenId(Checkin.Table, "owner", c.Id, c.OwnerSealed);
            if (owner == user.MemberId() || !await circles.MayAttendAsync(owner, user.MemberId(), user.Role(), ct)) continue;
            var position = CircleDirectory.ParsePosition(circles.Open(Checkin.Table, "position", c.Id, c.PositionSealed));
            views.Add(new MissedView(c.Id, await circles.HandleOfAsync(owner, ct), c.DueAt, circles.Open(Checkin.Table, "note", c.Id, c.NoteSealed), position?.Lat, position?.Lon));
        }
        return TypedResults.Ok(views);
    }

    /// <summary>Someone who attends her reached her: the missed check-in is closed and will not escalate.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Resolve(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles,
        TimeProvider clock, CancellationToken ct)
    {
        var checkin = await db.Set<Checkin>().SingleOrDefaultAsync(c => c.Id == id && c.State == CheckinState.Missed && c.ResolvedAt == null, ct);
        var owner = checkin is null ? Guid.Empty : circles.OpenId(Checkin.Table, "owner", checkin.Id, checkin.OwnerSealed);
        if (checkin is null || owner == user.MemberId() || !await circles.MayAttendAsync(owner, user.MemberId(), user.Role(), ct))
            return CircleEndpoints.NotFound();
        checkin.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static void CheckDue(Validation errors, DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is null) errors.Add("dueAt", "Required: a time, e.g. 2026-12-01T23:40:00+06:00.");
        else if (due <= now) errors.Add("dueAt", "A time in the future.");
        else if (due > now + Longest) errors.Add("dueAt", "At most seven days ahead.");
    }

    static async Task<Checkin?> MineAsync(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var mine = circles.CheckinOwnerIndex(user.MemberId());
        return await db.Set<Checkin>().SingleOrDefaultAsync(c => c.Id == id && c.OwnerIndex == mine && c.State == CheckinState.Pending, ct);
    }

    static CheckinView View(Checkin c) => new(c.Id, c.DueAt, c.State.ToString().ToLowerInvariant());
}

/// <summary>What her circle and the defenders are told when she goes silent.</summary>
static class Alarm
{
    public static async Task<object> PayloadAsync(Checkin checkin, Guid owner, string reason, CircleDirectory circles, CancellationToken ct) =>
        Payload(checkin, await circles.HandleOfAsync(owner, ct), reason, circles);

    public static object Payload(Checkin checkin, string handle, string reason, CircleDirectory circles)
    {
        var position = CircleDirectory.ParsePosition(circles.Open(Checkin.Table, "position", checkin.Id, checkin.PositionSealed));
        return new
        {
            id = checkin.Id,
            handle,
            dueAt = checkin.DueAt,
            note = circles.Open(Checkin.Table, "note", checkin.Id, checkin.NoteSealed),
            lat = position?.Lat,
            lon = position?.Lon,
            reason,
        };
    }
}
