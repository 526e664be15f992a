using Kalkan.Incidents;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Cases;

/// <summary>
/// Cases for defenders and admins. Reading one is open to every signed-in role so that whoever may
/// not see it gets the same 404 as for an id that does not exist.
/// </summary>
public static class CaseEndpoints
{
    public const string NotFoundTitle = "No such case.";

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(Roles.Member);
        cases.MapPost("/", Create).RequireAuthorization(Roles.Defender);
        cases.MapGet("/", List).RequireAuthorization(Roles.Defender);
        cases.MapGet("/mine", Mine);
        cases.MapGet("/{id:guid}", Get);
        cases.MapPost("/{id:guid}/status", ChangeStatus);
        cases.MapPost("/{id:guid}/assignees", Assign);
        cases.MapPost("/{id:guid}/warnings/{warning:guid}/acknowledge", Acknowledge);
        return app;
    }

    public static async Task<Results<Created<CreatedCase>, ValidationProblem, ProblemHttpResult>> Create(CaseInput? input, ClaimsPrincipal user,
        CaseReaders readers, IncidentViewers viewers, CaseDesk desk, CancellationToken ct)
    {
        var result = await desk.CreateAsync(await readers.OfAsync(user), await viewers.OfAsync(user), input, ct);
        return result.Outcome switch
        {
            CaseOutcome.Done => TypedResults.Created($"/api/v1/cases/{result.Id}", new CreatedCase(result.Id!.Value)),
            CaseOutcome.Invalid => result.Errors!.Problem(),
            _ => NotFound(),
        };
    }

    public static async Task<Ok<List<CaseSummary>>> List(ClaimsPrincipal user, CaseReaders readers, CaseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(await readers.OfAsync(user), ct));

    public static async Task<Ok<List<OwnCaseView>>> Mine(ClaimsPrincipal user, CaseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.MineAsync(user.MemberId(), ct));

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, CaseReaders readers, CaseQueries queries, CancellationToken ct) =>
        await queries.GetAsync(await readers.OfAsync(user), id, ct) is { } view ? TypedResults.Ok(view) : NotFound();

    public static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> ChangeStatus(Guid id, StatusInput? input, ClaimsPrincipal user,
        CaseReaders readers, CaseDesk desk, CaseQueries queries, CancellationToken ct)
    {
        var reader = await readers.OfAsync(user);
        return await Answer(await desk.ChangeStatusAsync(reader, id, input, ct), reader, queries, ct);
    }

    public static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> Assign(Guid id, AssignInput? input, ClaimsPrincipal user,
        CaseReaders readers, CaseDesk desk, CaseQueries queries, CancellationToken ct)
    {
        var reader = await readers.OfAsync(user);
        return await Answer(await desk.AssignAsync(reader, id, input, ct), reader, queries, ct);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Acknowledge(Guid id, Guid warning, ClaimsPrincipal user,
        CaseReaders readers, CaseQueries queries, CancellationToken ct) =>
        await queries.AcknowledgeAsync(await readers.OfAsync(user), id, warning, ct) ? TypedResults.NoContent() : NotFound();

    static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> Answer(CaseResult result, CaseReader reader, CaseQueries queries, CancellationToken ct) =>
        result.Outcome switch
        {
            CaseOutcome.Done when await queries.GetAsync(reader, result.Id!.Value, ct) is { } view => TypedResults.Ok(view),
            CaseOutcome.Invalid => result.Errors!.Problem(),
            _ => NotFound(),
        };

    static ProblemHttpResult NotFound() => TypedResults.Problem(title: NotFoundTitle, statusCode: StatusCodes.Status404NotFound);
}
