using Kalkan.Delivery;

namespace Kalkan.Circles;

public sealed record SosRequest(double? Lat, double? Lon, string? Note);

/// <summary>
/// SOS: one action sends her circle and the defenders an urgent `event: sos` (and a push) with her
/// position, shared only with them and only for this call. Responders say so; she or a defender
/// resolves it. Shared by the API and the pages; every change is saved before it is announced.
/// </summary>
public sealed class SosDesk(KalkanDb db, CircleSeal seal, CircleDirectory directory, CallsAttended attended, StreamHub hub, Idempotency once, TimeProvider clock,
    IEnumerable<IAlarmObserver> observers)
{
    public const string BusyTitle = "This SOS is already being sent.";
    public static readonly string[] Kinds = ["on-my-way", "calling"];

    /// <param name="idempotencyKey">Sent again with the same key (a lost answer, the offline queue, Back), it answers the first SOS and sends nothing more.</param>
    public async Task<Outcome<IdResponse>> RaiseAsync(Guid me, SosRequest request, string? idempotencyKey, CancellationToken ct)
    {
        // Her position when her phone can give it; an SOS without one still goes out.
        var errors = new Validation().Place(request.Lat, request.Lon, required: false);
        var note = CirclesOptions.Note(errors, request.Note);
        if (!Idempotency.IsValid(idempotencyKey)) errors.Add(Idempotency.Field, Idempotency.KeyMessage);
        if (errors.Any) return Outcome<IdResponse>.Invalid(errors);
        var claim = await once.ClaimAsync(me, "sos", idempotencyKey, ct);
        if (claim is Idempotency.Busy) return Outcome<IdResponse>.Conflict(BusyTitle);
        if (claim is Idempotency.Done done) return Outcome<IdResponse>.Created(new IdResponse(done.ResultId));
        var position = Places.Of(request.Lat, request.Lon);
        var call = seal.NewCall(me, position, note, clock.GetUtcNow());
        db.Add(call);
        await db.SaveChangesAsync(ct);
        await once.CompleteAsync(claim, call.Id, ct);
        hub.Publish(CallEvents.Sos, CallEvents.SosPayload(call.Id, await directory.HandleOfAsync(me, ct), position, note, call.CreatedAt), await directory.AudienceOfAsync(me, ct), push: true);
        foreach (var observer in observers) observer.SosRaised(me, call.Id);
        return Outcome<IdResponse>.Created(new IdResponse(call.Id));
    }

    public Task<List<SosView>> OpenAsync(Caller caller, CancellationToken ct) => attended.SosAsync(caller, null, own: true, ct);

    public async Task<Outcome<SosView>> ShowAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return call is not null && await attended.SosAsync(call, caller, ct) is { } view ? Outcome<SosView>.Done(view) : Outcome<SosView>.NotFound();
    }

    public async Task<Outcome<SosView>> RespondAsync(Guid id, Caller caller, string? kind, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().SingleOrDefaultAsync(s => s.Id == id && s.ResolvedAt == null, ct);
        var owner = call is null ? Guid.Empty : seal.OwnerOf(call);
        if (call is null || owner == caller.Id || !await directory.MayAttendAsync(owner, caller, ct)) return Outcome<SosView>.NotFound();
        if (!Kinds.Contains(kind)) return Outcome<SosView>.Invalid(new Validation().Add("kind", "on-my-way or calling."));
        var response = seal.NewResponse(id, caller.Id, kind!, clock.GetUtcNow());
        db.Add(response);
        call.FirstResponseAt ??= response.At;
        await db.SaveChangesAsync(ct);
        hub.Publish(CallEvents.Response, new { sosId = id, kind = response.Kind, handle = await directory.HandleOfAsync(caller.Id, ct), at = response.At },
            Audience.Members([owner]).Or(await directory.AudienceOfAsync(owner, ct)), push: true);
        return Outcome<SosView>.Done((await attended.SosAsync(call, caller, ct))!);
    }

    public async Task<Outcome<SosView>> ResolveAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var call = await db.Set<SosCall>().SingleOrDefaultAsync(s => s.Id == id && s.ResolvedAt == null, ct);
        var owner = call is null ? Guid.Empty : seal.OwnerOf(call);
        if (call is null || !(owner == caller.Id || caller.AttendsEveryone)) return Outcome<SosView>.NotFound();
        call.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        hub.Publish(CallEvents.Resolved, new { sosId = id, at = call.ResolvedAt }, Audience.Members([owner]).Or(await directory.AudienceOfAsync(owner, ct)));
        return Outcome<SosView>.Done((await attended.SosAsync(call, caller, ct))!);
    }
}
