using Kalkan.Members;
using Kalkan.Sessions;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Warnings.Pages;

/// <summary>
/// /warnings, for every member: the current warnings (kept by the service worker for reading
/// offline), the checker, and a report for a defender to review. Each form reuses the API's
/// handler; a sent report redirects (post-redirect-get), a check answers on the page itself.
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
        CheckOutcome = PageOutcome.From(await WarningEndpoints.Check(Checked, User, checker, ct));
        if (CheckOutcome.Value is WarningEndpoints.CheckAnswer answer) Matches = answer.Matches;
        else Response.StatusCode = CheckOutcome.Errors.Count > 0 ? 400 : 429;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(WarningForm form, CancellationToken ct)
    {
        ReportOutcome = PageOutcome.From(await WarningEndpoints.Submit(form.Request with { Incident = null }, User, reports, ct));
        if (ReportOutcome.Ok) return Redirect("/warnings?done=reported");
        Reported = form;
        Response.StatusCode = ReportOutcome.Errors.Count > 0 ? 400 : 429;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Warnings = await desk.CurrentAsync(ct);
        ChecksLeft = await checker.LeftTodayAsync(User.MemberId(), ct);
    }
}
