using System.Security.Claims;
using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Alerts;

/// <summary>Reports, the active list, the live stream, confirmations; verify, dismiss and the history for defenders.</summary>
public static class AlertEndpoints
{
    public const string GroupLimit = "alerts";
    public const string TooManyTitle = "You have sent many reports in the last hour; wait a little before the next.";

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(Roles.Member).RequireRateLimiting(GroupLimit);
        alerts.MapPost("/", Report);
        alerts.MapGet("/", List);
        alerts.MapGet("/stream", Stream).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        alerts.MapPost("/{id:guid}/confirm", Confirm);
        alerts.MapPost("/{id:guid}/verify", Verify).RequireAuthorization(Roles.Defender);
        alerts.MapPost("/{id:guid}/dismiss", Dismiss).RequireAuthorization(Roles.Defender);
        alerts.MapGet("/history", History).RequireAuthorization(Roles.Defender);
        return app;
    }

    /// <param name="idempotencyKey">Sent again with the same key (a lost answer, the phone's offline queue), the report is not made twice.</param>
    public static async Task<Results<Created<AlertView>, ValidationProblem, ProblemHttpResult>> Report(
        ReportRequest request, ClaimsPrincipal user, AlertDesk desk, Idempotency once,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, CancellationToken ct)
    {
        if (!Idempotency.IsValid(idempotencyKey)) return new Validation().Add(Idempotency.Field, Idempotency.KeyMessage).Problem();
        var claim = await once.ClaimAsync(user.MemberId(), "alert", idempotencyKey, ct);
        if (claim is Idempotency.Done done)
            return (await desk.ActiveAsync(user.MemberId(), false, ct)).FirstOrDefault(a => a.Id == done.ResultId) is { } first
                ? TypedResults.Created($"/api/v1/alerts/{first.Id}", first)
                : TypedResults.Problem(title: "This report was already sent.", statusCode: StatusCodes.Status409Conflict);
        if (claim is Idempotency.Busy) return TypedResults.Problem(title: "This report is already being sent.", statusCode: StatusCodes.Status409Conflict);
        var result = await desk.ReportAsync(user.MemberId(), request, ct);
        await once.CompleteAsync(claim, result.Outcome == DeskOutcome.Done ? result.Alert!.Id : null, ct);
        return result.Outcome switch
        {
            DeskOutcome.Invalid => result.Errors!.Problem(),
            DeskOutcome.Done => TypedResults.Created($"/api/v1/alerts/{result.Alert!.Id}", result.Alert),
            _ => Refused(result),
        };
    }

    public static async Task<Ok<List<AlertView>>> List(ClaimsPrincipal user, AlertDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ActiveAsync(user.MemberId(), user.AttendsEveryone(), ct));

    /// <summary>Every member's one live stream: alerts, and whatever else features publish to her (Delivery/StreamHub).</summary>
    public static EventStream Stream(ClaimsPrincipal user, StreamHub hub) => new(hub, user);

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Confirm(Guid id, ClaimsPrincipal user, AlertDesk desk, CancellationToken ct)
    {
        var result = await desk.ConfirmAsync(user.MemberId(), id, ct);
        return result.Outcome == DeskOutcome.Done ? TypedResults.Ok(result.Alert!) : Refused(result);
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Verify(Guid id, AlertDesk desk, CancellationToken ct) =>
        Decided(await desk.DecideAsync(id, AlertStatus.Verified, ct));

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Dismiss(Guid id, AlertDesk desk, CancellationToken ct) =>
        Decided(await desk.DecideAsync(id, AlertStatus.Dismissed, ct));

    static Results<Ok<AlertView>, ProblemHttpResult> Decided(DeskResult result) =>
        result.Outcome == DeskOutcome.Done ? TypedResults.Ok(result.Alert!) : Refused(result);

    /// <summary>The map of where police usually stand: counts per cell, kind and hour of the week; ?kind= narrows it.</summary>
    public static async Task<Results<Ok<List<HistoryCell>>, ValidationProblem>> History(string? kind, KalkanDb db, CancellationToken ct)
    {
        if (kind is not null && !AlertKinds.All.Contains(kind)) return new Web.Validation().Add("kind", "One of checkpoint, patrol, raid, other.").Problem();
        var rows = await db.Set<AlertHistory>().AsNoTracking().Where(h => kind == null || h.Kind == kind).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(h =>
        {
            var (lat, lon) = Geo.CenterOf(h.CellY, h.CellX);
            return new HistoryCell(Math.Round(lat, 5), Math.Round(lon, 5), h.Kind, h.HourOfWeek, h.Count);
        }).ToList());
    }

    static ProblemHttpResult Refused(DeskResult result) => result.Outcome switch
    {
        DeskOutcome.OwnAlert => Conflict("You reported this alert; others confirm it.", result),
        DeskOutcome.TooMany => TypedResults.Problem(title: TooManyTitle, statusCode: StatusCodes.Status429TooManyRequests),
        DeskOutcome.AlreadyConfirmed => Conflict("You have already confirmed this alert.", result),
        _ => TypedResults.Problem(title: "No such alert; it may have expired.", statusCode: StatusCodes.Status404NotFound),
    };

    static ProblemHttpResult Conflict(string title, DeskResult result) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["alert"] = result.Alert?.Id });
}
