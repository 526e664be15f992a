using System.Security.Claims;
using Kalkan.Members;
using Kalkan.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalkan.Warnings;

/// <summary>Warnings: defenders publish, renew and withdraw; members read the list, check a plate or number, and send reports for review.</summary>
public static class WarningEndpoints
{
    public const string GroupLimit = "warnings";
    public const string TooManyChecks = "You have made today's checks; try again tomorrow.";
    public const string TooManyReports = "You have sent many reports today; try again tomorrow.";
    public const string NoConsent = "The victim's consent to advocacy is not recorded on this incident.";

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

    public static async Task<Results<Created<Published>, ValidationProblem, ProblemHttpResult>> Publish(WarningRequest request, WarningDesk desk, CancellationToken ct) =>
        Answer(await desk.PublishAsync(request, null, ct));

    public static async Task<Results<Created<Published>, ValidationProblem, ProblemHttpResult>> PublishReport(Guid id, WarningRequest request, WarningDesk desk, CancellationToken ct) =>
        Answer(await desk.PublishAsync(request with { Incident = null }, id, ct));

    public static async Task<Ok<List<WarningView>>> List(WarningDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.CurrentAsync(ct));

    public static async Task<Ok<List<WarningDetails>>> All(WarningDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.AllAsync(ct));

    public sealed record CheckAnswer(List<CheckMatch> Matches);

    public static async Task<Results<Ok<CheckAnswer>, ValidationProblem, ProblemHttpResult>> Check(CheckRequest request, ClaimsPrincipal user, WarningChecker checker, CancellationToken ct)
    {
        var result = await checker.CheckAsync(user.MemberId(), request, ct);
        return result.Outcome switch
        {
            WarningOutcome.Done => TypedResults.Ok(new CheckAnswer(result.Matches!)),
            WarningOutcome.Invalid => result.Errors!.Problem(),
            _ => TypedResults.Problem(title: TooManyChecks, statusCode: StatusCodes.Status429TooManyRequests),
        };
    }

    public static async Task<Results<Ok<WarningDetails>, ProblemHttpResult>> Renew(Guid id, WarningDesk desk, CancellationToken ct) =>
        await desk.RenewAsync(id, ct) is { Outcome: WarningOutcome.Done } done ? TypedResults.Ok(done.Warning!) : NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(Guid id, WarningDesk desk, CancellationToken ct) =>
        (await desk.WithdrawAsync(id, ct)).Outcome == WarningOutcome.Done ? TypedResults.NoContent() : NotFound();

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Submit(WarningRequest request, ClaimsPrincipal user, WarningReports reports, CancellationToken ct)
    {
        var result = await reports.SubmitAsync(user.MemberId(), request, ct);
        return result.Outcome switch
        {
            WarningOutcome.Done => TypedResults.Accepted((string?)null),
            WarningOutcome.Invalid => result.Errors!.Problem(),
            _ => TypedResults.Problem(title: TooManyReports, statusCode: StatusCodes.Status429TooManyRequests),
        };
    }

    public static async Task<Ok<List<ReportView>>> Pending(WarningReports reports, CancellationToken ct) => TypedResults.Ok(await reports.PendingAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Discard(Guid id, WarningReports reports, CancellationToken ct) =>
        await reports.DiscardAsync(id, ct) ? TypedResults.NoContent() : NotFound();

    static Results<Created<Published>, ValidationProblem, ProblemHttpResult> Answer(WarningResult result) => result.Outcome switch
    {
        WarningOutcome.Done => TypedResults.Created($"/api/v1/warnings/{result.Warning!.Id}", new Published(result.Warning.Id)),
        WarningOutcome.Invalid => result.Errors!.Problem(),
        // The field is named as a validation problem names it, so a client shows it beside the incident.
        WarningOutcome.NoConsent => TypedResults.Problem(title: NoConsent, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["incident"] = [NoConsent] } }),
        _ => NotFound(),
    };

    static ProblemHttpResult NotFound() => TypedResults.Problem(title: "No such warning or report.", statusCode: StatusCodes.Status404NotFound);
}
