using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;
using Kalkan.Incidents;

namespace Kalkan.Warnings;

/// <summary>
/// Warnings over HTTP: defenders publish, renew and withdraw; members read the list, check a plate
/// or number, and send reports for review. Each handler maps what <see cref="WarningDesk"/>,
/// <see cref="WarningChecker"/> or <see cref="WarningReports"/> decided.
/// </summary>
public static class WarningEndpoints
{
    public const string GroupLimit = "warnings";

    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/v1/warnings").WithTags("Warnings").RequireAuthorization(Roles.Member).RequireRateLimiting(GroupLimit);
        warnings.MapPost("/", Publish).RequireAuthorization(Roles.Defender);
        warnings.MapGet("/", List);
        warnings.MapPost("/check", Check);
        warnings.MapGet("/all", All).RequireAuthorization(Roles.Defender);
        warnings.MapPost("/{id:guid}/renew", Renew).RequireAuthorization(Roles.Defender);
        warnings.MapPost("/{id:guid}/withdraw", Withdraw).RequireAuthorization(Roles.Defender);
        warnings.MapPost("/reports", Submit);
        warnings.MapGet("/reports", Pending).RequireAuthorization(Roles.Defender);
        warnings.MapPost("/reports/{id:guid}/publish", PublishReport).RequireAuthorization(Roles.Defender);
        warnings.MapDelete("/reports/{id:guid}", Discard).RequireAuthorization(Roles.Defender);
        return app;
    }

    public sealed record Published(Guid Id);

    public static async Task<Results<Created<Published>, ValidationProblem, ProblemHttpResult>> Publish(WarningRequest request, ClaimsPrincipal user,
        IncidentViewers viewers, WarningDesk desk, CancellationToken ct) =>
        Answer(await desk.PublishAsync(request, await viewers.OfAsync(user), null, ct));

    public static async Task<Results<Created<Published>, ValidationProblem, ProblemHttpResult>> PublishReport(Guid id, WarningRequest request, ClaimsPrincipal user,
        IncidentViewers viewers, WarningDesk desk, CancellationToken ct) =>
        Answer(await desk.PublishAsync(request with { Incident = null }, await viewers.OfAsync(user), id, ct));

    public static async Task<Ok<List<WarningView>>> List(WarningDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.CurrentAsync(ct));

    public static async Task<Ok<List<WarningDetails>>> All(WarningDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.AllAsync(ct));

    public sealed record CheckAnswer(List<CheckMatch> Matches);

    public static async Task<Results<Ok<CheckAnswer>, ValidationProblem, ProblemHttpResult>> Check(CheckRequest request, ClaimsPrincipal user, WarningChecker checker, CancellationToken ct)
    {
        var outcome = await checker.CheckAsync(user.MemberId(), request, ct);
        return outcome.Ok ? TypedResults.Ok(new CheckAnswer(outcome.Value!)) : outcome.Errors is { } errors ? errors.Problem() : outcome.Refusal();
    }

    public static async Task<Results<Ok<WarningDetails>, ValidationProblem, ProblemHttpResult>> Renew(Guid id, WarningDesk desk, CancellationToken ct) =>
        (await desk.RenewAsync(id, ct)).OkOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Withdraw(Guid id, WarningDesk desk, CancellationToken ct) =>
        (await desk.WithdrawAsync(id, ct)).NoContentOr();

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Submit(WarningRequest request, ClaimsPrincipal user, WarningReports reports, CancellationToken ct)
    {
        var outcome = await reports.SubmitAsync(user.MemberId(), request, ct);
        return outcome.Ok ? TypedResults.Accepted((string?)null) : outcome.Errors is { } errors ? errors.Problem() : outcome.Refusal();
    }

    public static async Task<Ok<List<ReportView>>> Pending(WarningReports reports, CancellationToken ct) => TypedResults.Ok(await reports.PendingAsync(ct));

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Discard(Guid id, WarningReports reports, CancellationToken ct) =>
        (await reports.DiscardAsync(id, ct)).NoContentOr();

    static Results<Created<Published>, ValidationProblem, ProblemHttpResult> Answer(Web.Outcome<WarningDetails> outcome) =>
        outcome.Ok ? TypedResults.Created($"/api/v1/warnings/{outcome.Value!.Id}", new Published(outcome.Value.Id))
            : outcome.Errors is { } errors ? errors.Problem() : outcome.Refusal();
}
