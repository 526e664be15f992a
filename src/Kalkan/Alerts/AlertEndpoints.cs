using Kalkan.Delivery;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Alerts;

/// <summary>Reports, the active list, the live stream, confirmations; verify, dismiss and the history for defenders. Each handler maps what <see cref="AlertDesk"/> decided.</summary>
public static class AlertEndpoints
{
    public const string GroupLimit = "alerts";

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(Roles.Member).RequireRateLimiting(GroupLimit);
        alerts.MapPost("/", Report);
        alerts.MapGet("/", List);
        alerts.MapEventStream("/stream");
        alerts.MapPost("/{id:guid}/confirm", Confirm);
        alerts.MapPost("/{id:guid}/verify", Verify).RequireAuthorization(Roles.Defender);
        alerts.MapPost("/{id:guid}/dismiss", Dismiss).RequireAuthorization(Roles.Defender);
        alerts.MapGet("/history", History).RequireAuthorization(Roles.Defender);
        return app;
    }

    /// <param name="idempotencyKey">Sent again with the same key (a lost answer, the phone's offline queue), the report is not made twice.</param>
    public static async Task<Results<Created<AlertView>, ValidationProblem, ProblemHttpResult>> Report(
        ReportRequest request, ClaimsPrincipal user, AlertReports reports,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, CancellationToken ct) =>
        (await reports.SendAsync(user.MemberId(), request, idempotencyKey, ct)).CreatedAt(alert => $"/api/v1/alerts/{alert.Id}");

    public static async Task<Ok<List<AlertView>>> List(ClaimsPrincipal user, AlertDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ActiveAsync(user.MemberId(), user.AttendsEveryone(), ct));

    public static async Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Confirm(Guid id, ClaimsPrincipal user, AlertDesk desk, CancellationToken ct) =>
        (await desk.ConfirmAsync(user.MemberId(), id, ct)).OkOr();

    public static async Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Verify(Guid id, AlertDesk desk, CancellationToken ct) =>
        (await desk.DecideAsync(id, AlertStatus.Verified, ct)).OkOr();

    public static async Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Dismiss(Guid id, AlertDesk desk, CancellationToken ct) =>
        (await desk.DecideAsync(id, AlertStatus.Dismissed, ct)).OkOr();

    /// <summary>The map of where police usually stand; ?kind= narrows it.</summary>
    public static async Task<Results<Ok<List<HistoryCell>>, ValidationProblem, ProblemHttpResult>> History(string? kind, AlertDesk desk, CancellationToken ct) =>
        (await desk.HistoryAsync(kind, ct)).OkOr();
}
