namespace Kalkan.Circles;

/// <summary>SOS over HTTP: each handler maps what <see cref="SosDesk"/> decided.</summary>
public static class SosEndpoints
{
    public sealed record RespondRequest(string? Kind);

    public static RouteGroupBuilder MapSos(this RouteGroupBuilder api)
    {
        api.MapPost("/sos", Raise);
        api.MapGet("/sos", Open);
        api.MapGet("/sos/{id:guid}", Show);
        api.MapPost("/sos/{id:guid}/respond", Respond);
        api.MapPost("/sos/{id:guid}/resolve", Resolve);
        return api;
    }

    public static async Task<Results<Created<IdResponse>, ValidationProblem, ProblemHttpResult>> Raise(SosRequest request, ClaimsPrincipal user,
        SosDesk desk, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, CancellationToken ct)
        => (await desk.RaiseAsync(Caller.Of(user).Id, request, idempotencyKey, ct)).CreatedAt(created => $"/api/v1/sos/{created.Id}");

    /// <summary>The open calls this caller attends: every one for a defender, her own and her circles' for a member.</summary>
    public static async Task<Ok<List<SosView>>> Open(ClaimsPrincipal user, SosDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.OpenAsync(Caller.Of(user), ct));

    public static async Task<Results<Ok<SosView>, ProblemHttpResult>> Show(Guid id, ClaimsPrincipal user, SosDesk desk, CancellationToken ct) =>
        (await desk.ShowAsync(id, Caller.Of(user), ct)).OkOrRefusal();

    public static async Task<Results<Ok<SosView>, ValidationProblem, ProblemHttpResult>> Respond(Guid id, RespondRequest request, ClaimsPrincipal user,
        SosDesk desk, CancellationToken ct) => (await desk.RespondAsync(id, Caller.Of(user), request.Kind, ct)).OkOr();

    public static async Task<Results<Ok<SosView>, ProblemHttpResult>> Resolve(Guid id, ClaimsPrincipal user, SosDesk desk, CancellationToken ct) =>
        (await desk.ResolveAsync(id, Caller.Of(user), ct)).OkOrRefusal();
}
