using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Warnings.Pages;

/// <summary>
/// /warnings, for every member: the current warnings (kept by the service worker for reading
/// offline), the checker, and a report for a defender to review. Each form calls the service the
/// API calls and answers with the status it decided; a sent report redirects (post-redirect-get), a
/// check answers on the page itself.
/// </summary>
[Authorize(Roles.Member)]
[EnableRateLimiting(WarningEndpoints.GroupLimit)]
public sealed class WarningsModel(WarningDesk desk, WarningChecker checker, WarningReports reports) : PageModel
{
    public List<WarningView> Warnings { get; private set; } = [];
    public int ChecksLeft { get; private set; }
    public string? Done { get; private set; }
    public PageOutcome? CheckOutcome { get; private set; }
    /// <summary>What she asked about, shown again beside the answer.</summary>
    public CheckRequest? Checked { get; private set; }
    public List<CheckMatch>? Matches { get; private set; }
    public PageOutcome? ReportOutcome { get; private set; }
    public WarningForm? Reported { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        if (done == "reported") Done = "Your report was sent for a defender to review.";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCheckAsync(string? plate, string? phone, CancellationToken ct)
    {
        Checked = new CheckRequest(plate, phone);
        var outcome = await checker.CheckAsync(User.MemberId(), Checked, ct);
        CheckOutcome = PageOutcome.From(outcome);
        if (outcome.Ok) Matches = outcome.Value;
        else Response.StatusCode = outcome.Status;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(WarningForm form, CancellationToken ct)
    {
        var outcome = await reports.SubmitAsync(User.MemberId(), form.Request with { Incident = null }, ct);
        ReportOutcome = PageOutcome.From(outcome);
        if (outcome.Ok) return Redirect("/warnings?done=reported");
        Reported = form;
        Response.StatusCode = outcome.Status;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Warnings = await desk.CurrentAsync(ct);
        ChecksLeft = await checker.LeftTodayAsync(User.MemberId(), ct);
    }
}
