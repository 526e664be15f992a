using Kalkan.Identity.Members;

namespace Kalkan.Incidents;

/// <summary>
/// Incidents for documenters, defenders and admins. Reading one is open to every signed-in role so
/// that whoever may not see it gets the same 404 as for an id that does not exist, never a 403
/// that would confirm it exists.
/// </summary>
public static class IncidentEndpoints
{
    public const string NotFoundTitle = "No such incident.";

    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Roles.Member);
        incidents.MapPost("/", Create).RequireAuthorization(Roles.Documenter);
        incidents.MapGet("/", Search).RequireAuthorization(Roles.Documenter);
        incidents.MapGet("/{id:guid}", Get);
        incidents.MapGet("/{id:guid}/versions/{number}", GetVersion);
        incidents.MapPut("/{id:guid}", UpdateDraft).RequireAuthorization(Roles.Documenter);
        incidents.MapPost("/{id:guid}/seal", Seal).RequireAuthorization(Roles.Documenter);
        incidents.MapPost("/{id:guid}/versions", Correct).RequireAuthorization(Roles.Documenter);
        return app;
    }

    public static async Task<Results<Created<CreatedIncident>, Ok<CreatedIncident>, ValidationProblem, ProblemHttpResult>> Create(
        IncidentInput? input, ClaimsPrincipal user, IncidentViewers viewers, IncidentRecorder recorder, CancellationToken ct) =>
        Answer(await recorder.CreateAsync(await viewers.OfAsync(user), input, ct), created: true);

    public static async Task<Results<Created<CreatedIncident>, Ok<CreatedIncident>, ValidationProblem, ProblemHttpResult>> UpdateDraft(
        Guid id, IncidentInput? input, ClaimsPrincipal user, IncidentViewers viewers, IncidentRecorder recorder, CancellationToken ct) =>
        Answer(await recorder.UpdateDraftAsync(await viewers.OfAsync(user), id, input, ct), created: false);

    public static async Task<Results<Created<CreatedIncident>, Ok<CreatedIncident>, ValidationProblem, ProblemHttpResult>> Seal(
        Guid id, ClaimsPrincipal user, IncidentViewers viewers, IncidentRecorder recorder, CancellationToken ct) =>
        Answer(await recorder.SealAsync(await viewers.OfAsync(user), id, ct), created: false);

    public static async Task<Results<Created<CreatedIncident>, Ok<CreatedIncident>, ValidationProblem, ProblemHttpResult>> Correct(
        Guid id, IncidentInput? input, ClaimsPrincipal user, IncidentViewers viewers, IncidentRecorder recorder, CancellationToken ct) =>
        Answer(await recorder.CorrectAsync(await viewers.OfAsync(user), id, input, ct), created: true);

    public static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, IncidentViewers viewers, IncidentReader reader, CancellationToken ct) =>
        await reader.GetAsync(await viewers.OfAsync(user), id, null, ct) is { } view ? TypedResults.Ok(view) : NotFound();

    public static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetVersion(
        Guid id, string number, ClaimsPrincipal user, IncidentViewers viewers, IncidentReader reader, CancellationToken ct) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && await reader.GetAsync(await viewers.OfAsync(user), id, n, ct) is { } view ? TypedResults.Ok(view) : NotFound();

    /// <summary>GET /api/v1/incidents?from=2026-01-01&amp;to=2026-12-31&amp;violation=extortion&amp;district=...&amp;perpetrator=PROFILE-ID</summary>
    public static async Task<Results<Ok<List<IncidentSummary>>, ValidationProblem>> Search(
        string? from, string? to, string? violation, string? district, string? perpetrator,
        ClaimsPrincipal user, IncidentViewers viewers, IncidentReader reader, CancellationToken ct)
    {
        var (filter, errors) = IncidentFilter.Read(from, to, violation, district, perpetrator);
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(await reader.SearchAsync(await viewers.OfAsync(user), filter, ct));
    }

    static Results<Created<CreatedIncident>, Ok<CreatedIncident>, ValidationProblem, ProblemHttpResult> Answer(RecordResult result, bool created) => result.Outcome switch
    {
        RecordOutcome.Done when created => TypedResults.Created($"/api/v1/incidents/{result.Created!.Id}", result.Created),
        RecordOutcome.Done => TypedResults.Ok(result.Created!),
        RecordOutcome.Invalid => result.Errors!.Problem(),
        RecordOutcome.Conflict => TypedResults.Problem(title: result.Title, statusCode: StatusCodes.Status409Conflict),
        _ => NotFound(),
    };

    static ProblemHttpResult NotFound() => TypedResults.Problem(title: NotFoundTitle, statusCode: StatusCodes.Status404NotFound);
}
