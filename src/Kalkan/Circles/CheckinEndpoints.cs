namespace Kalkan.Circles;

/// <summary>Check-ins over HTTP: each handler maps what <see cref="CheckinDesk"/> decided.</summary>
public static class CheckinEndpoints
{
    public sealed record ExtendRequest(DateTimeOffset? DueAt);
    public sealed record DoneRequest(string? Passphrase);

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

    public static async Task<Results<Created<CheckinView>, ValidationProblem, ProblemHttpResult>> Start(CheckinRequest request, ClaimsPrincipal user,
        CheckinDesk desk, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, CancellationToken ct)
        => (await desk.StartAsync(Caller.Of(user).Id, request, idempotencyKey, ct)).CreatedAt(created => $"/api/v1/checkins/{created.Id}");

    public static async Task<Ok<List<CheckinView>>> Mine(ClaimsPrincipal user, CheckinDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.MineAsync(Caller.Of(user).Id, ct));

    public static async Task<Results<Ok<CheckinView>, ValidationProblem, ProblemHttpResult>> Extend(Guid id, ExtendRequest request, ClaimsPrincipal user,
        CheckinDesk desk, CancellationToken ct) => (await desk.ExtendAsync(Caller.Of(user).Id, id, request.DueAt, ct)).OkOr();

    public static async Task<Results<Ok<CheckinView>, ValidationProblem, ProblemHttpResult>> Done(Guid id, DoneRequest request, ClaimsPrincipal user,
        CheckinDesk desk, CancellationToken ct) => (await desk.DoneAsync(Caller.Of(user).Id, id, request.Passphrase, ct)).OkOr();

    /// <summary>Missed check-ins not yet resolved, that this caller attends: all for a defender, her circles' for a member.</summary>
    public static async Task<Ok<List<MissedView>>> Missed(ClaimsPrincipal user, CallsAttended attended, CancellationToken ct) =>
        TypedResults.Ok(await attended.MissedAsync(Caller.Of(user), null, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Resolve(Guid id, ClaimsPrincipal user, CallsAttended attended, CancellationToken ct) =>
        (await attended.ReachedAsync(id, Caller.Of(user), ct)).NoContentOrRefusal();
}
