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
/// SOS: one action sends her circle and the defenders an urgent `event: sos` (and a push) with her
/// position, shared only with them and only for this call. Responders say so; she or a defender resolves it.
/// </summary>
public static class SosEndpoints
{
    public sealed record SosRequest(double? Lat, double? Lon, string? Note);
    public sealed record RespondRequest(string? Kind);
    public sealed record ResponseView(string Kind, string Handle, DateTimeOffset At);
    public sealed record SosView(Guid Id, string Handle, double? Lat, double? Lon, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, List<ResponseView> Responses);

    static readonly string[] Kinds = ["on-my-way", "calling"];

    public static RouteGroupBuilder MapSos(this RouteGroupBuilder api)
    {
        api.MapPost("/sos", Raise);
        api.MapGet("/sos", Open);
        api.MapGet("/sos/{id:guid}", Show);
        api.MapPost("/sos/{id:guid}/respond", Respond);
        api.MapPost("/sos/{id:guid}/resolve", Resolve);
        return api;
    }

    /// <param name="idempotencyKey">Sent again with the same key (a lost answer, the offline queue, Back), it answers the first SOS and sends nothing more.</param>
    public static async Task<Results<Created<CircleEndpoints.IdResponse>, ValidationProblem, ProblemHttpResult>> Raise(SosRequest request, ClaimsPrincipal user,
        KalkanDb db, CircleDirectory circles, StreamHub hub, TimeProvider clock, Idempotency once,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, IEnumerable<IAlarmObserver> observers, CancellationToken ct)
    {
        // Her position when her phone can give it; an SOS without one still goes out.
        var errors = Places.Validate(request.Lat, request.Lon, required: false);
        if (request.Note is { Length: > 280 }) errors.Add("note", "At most 280 characters.");
        if (!Idempotency.IsValid(idempotencyKey)) errors.Add(Idempotency.Field, "From 8 to 100 characters.");
        if (errors.Any) return errors.Problem();
        var me = user.MemberId();
        var claim = await once.ClaimAsync(me, "sos", idempotencyKey, ct);
        if (claim is Idempotency.Busy) return TypedResults.Problem(title: "This SOS is already being sent.", statusCode: StatusCodes.Status409Conflict);
        if (claim is Idempotency.Done done) return TypedResults.Created($"/api/v1/sos/{done.ResultId}", new CircleEndpoints.IdResponse(done.ResultId));
        var call = new SosCall { OwnerIndex = circles.SosOwnerIndex(me), OwnerSealed = [], CreatedAt = clock.GetUtcNow() };
        call.OwnerSealed = circles.Seal(SosCall.Table, "owner", call.Id, me.ToString("N"));
        if (request.Lat is { } lat && request.Lon is { } lon) call.PositionSealed = circles.Seal(SosCall.Table, "position", call.Id, CircleDirectory.Position(lat, lon));
        if (!string.IsNullOrWhiteSpace(request.Note)) call.NoteSealed = circles.Seal(SosCall.Table, "note", call.Id, request.Note.Trim());
        db.Add(call);
        await db.SaveChangesAsync(ct);
        await once.CompleteAsync(claim, call.Id, ct);
        var handle = await circles.HandleOfAsync(me, ct);
        hub.Publish("sos", new { id = call.Id, handle, lat = request.Lat, lon = request.Lon, note = request.Note?.Trim(), at = call.CreatedAt },
            await circles.AudienceOfAsync(me, ct), push: true);
        foreach (var observer in observers) observer.SosRaised(me, call.Id);
        return TypedResults.Created($"/api/v1/sos/{call.Id}", new CircleEndpoints.IdResponse(call.Id));
    }

    /// <summary>The open calls this caller attends: every one for a defender, her circles' for a member.</summary>
    public static async Task<Ok<List<SosView>>> Open(ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var views = new List<SosView>();
        foreach (var call in await db.Set<SosCall>().AsNoTracking().Where(s => s.ResolvedAt == null).OrderByDescending(s => s.CreatedAt).ToListAsync(ct))
            if (await ViewAsync(call, user, db, circles, ct) is { } view) views.Add(view);
        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<SosView>, ProblemHttpResult>> Show(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return call is not null && await ViewAsync(call, user, db, circles, ct) is { } view ? TypedResults.Ok(view) : CircleEndpoints.NotFound();
    }

    public static async Task<Results<Ok<SosView>, ValidationProblem, ProblemHttpResult>> Respond(Guid id, RespondRequest request, ClaimsPrincipal user,
        KalkanDb db, CircleDirectory circles, StreamHub hub, TimeProvider clock, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().SingleOrDefaultAsync(s => s.Id == id && s.ResolvedAt == null, ct);
        var owner = call is null ? Guid.Empty : circles.OpenId(SosCall.Table, "owner", call.Id, call.OwnerSealed);
        if (call is null || owner == user.MemberId() || !await circles.MayAttendAsync(owner, user.MemberId(), user.Role(), ct)) return CircleEndpoints.NotFound();
        if (!Kinds.Contains(request.Kind)) return new Validation().Add("kind", "on-my-way or calling.").Problem();
        var response = new SosResponse { SosId = id, Kind = request.Kind!, ResponderSealed = [], At = clock.GetUtcNow() };
        response.ResponderSealed = circles.Seal(SosResponse.Table, "responder", response.Id, user.MemberId().ToString("N"));
        db.Add(response);
        call.FirstResponseAt ??= response.At;
        await db.SaveChangesAsync(ct);
        var handle = await circles.HandleOfAsync(user.MemberId(), ct);
        hub.Publish("sos-response", new { sosId = id, kind = response.Kind, handle, at = response.At },
            Audience.Members([owner]).Or(await circles.AudienceOfAsync(owner, ct)), push: true);
        return TypedResults.Ok((await ViewAsync(call, user, db, circles, ct))!);
    }

    public static async Task<Results<Ok<SosView>, ProblemHttpResult>> Resolve(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles,
        StreamHub hub, TimeProvider clock, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().SingleOrDefaultAsync(s => s.Id == id && s.ResolvedAt == null, ct);
        var owner = call is null ? Guid.Empty : circles.OpenId(SosCall.Table, "owner", call.Id, call.OwnerSealed);
        if (call is null || !(owner == user.MemberId() || user.AttendsEveryone())) return CircleEndpoints.NotFound();
        call.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        hub.Publish("sos-resolved", new { sosId = id, at = call.ResolvedAt }, Audience.Members([owner]).Or(await circles.AudienceOfAsync(owner, ct)));
        return TypedResults.Ok((await ViewAsync(call, user, db, circles, ct))!);
    }

    /// <summary>Her call as this caller may see it, or null when the caller is not hers, her circle's or a defender.</summary>
    static async Task<SosView?> ViewAsync(SosCall call, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var owner = circles.OpenId(SosCall.Table, "owner", call.Id, call.OwnerSealed);
        if (!await circles.MayAttendAsync(owner, user.MemberId(), user.Role(), ct)) return null;
        var position = CircleDirectory.ParsePosition(circles.Open(SosCall.Table, "position", call.Id, call.PositionSealed));
        var responses = new List<ResponseView>();
        foreach (var r in await db.Set<SosResponse>().AsNoTracking().Where(r => r.SosId == call.Id).OrderBy(r => r.At).ToListAsync(ct))
            responses.Add(new ResponseView(r.Kind, await circles.HandleOfAsync(circles.OpenId(SosResponse.Table, "responder", r.Id, r.ResponderSealed), ct), r.At));
        return new SosView(call.Id, await circles.HandleOfAsync(owner, ct), position?.Lat, position?.Lon,
            circles.Open(SosCall.Table, "note", call.Id, call.NoteSealed), call.CreatedAt, call.ResolvedAt, responses);
    }
}
