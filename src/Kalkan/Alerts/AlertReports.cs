namespace Kalkan.Alerts;

/// <summary>
/// A report as the API and the page send it: at most once per idempotency key (a lost answer, the
/// phone's offline queue, a double tap), then <see cref="AlertDesk.ReportAsync"/> decides.
/// </summary>
public sealed class AlertReports(AlertDesk desk, Idempotency once)
{
    public const string SentTitle = "This report was already sent.";
    public const string BusyTitle = "This report is already being sent.";

    public async Task<Outcome<AlertView>> SendAsync(Guid memberId, ReportRequest request, string? idempotencyKey, CancellationToken ct)
    {
        if (!Idempotency.IsValid(idempotencyKey)) return Outcome<AlertView>.Invalid(new Validation().Add(Idempotency.Field, Idempotency.KeyMessage));
        var claim = await once.ClaimAsync(memberId, "alert", idempotencyKey, ct);
        if (claim is Idempotency.Done done)
            return (await desk.ActiveAsync(memberId, false, ct)).FirstOrDefault(a => a.Id == done.ResultId) is { } first
                ? Outcome<AlertView>.Created(first)
                : Outcome<AlertView>.Conflict(SentTitle);
        if (claim is Idempotency.Busy) return Outcome<AlertView>.Conflict(BusyTitle);
        var outcome = await desk.ReportAsync(memberId, request, ct);
        await once.CompleteAsync(claim, outcome.Ok ? outcome.Value!.Id : null, ct);
        return outcome;
    }
}
