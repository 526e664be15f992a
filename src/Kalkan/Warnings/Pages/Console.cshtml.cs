using Kalkan.Identity.Members;
using Kalkan.Incidents;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Warnings.Pages;

/// <summary>
/// /console/warnings, for defenders: publish a warning, review members' reports (publish as
/// edited, or discard), and renew or withdraw what is published. Each form calls the service the API
/// calls and answers with the status it decided.
/// </summary>
[Authorize(Roles.Defender)]
[EnableRateLimiting(WarningEndpoints.GroupLimit)]
public sealed class ConsoleModel(WarningDesk desk, WarningReports reports, IncidentViewers viewers) : OutcomePage
{
    public List<WarningDetails> Warnings { get; private set; } = [];
    public List<ReportView> Reports { get; private set; } = [];
    /// <summary>The form that was refused (the publish form, or one report's), shown again with its messages.</summary>
    public WarningForm? Chosen { get; private set; }
    public Guid? ChosenReport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(WarningForm form, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.PublishAsync(form.Request, await viewers.OfAsync(User), null, ct)), "The warning is published.", form, null, ct);

    public async Task<IActionResult> OnPostPublishReportAsync(Guid id, WarningForm form, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.PublishAsync(form.Request with { Incident = null }, await viewers.OfAsync(User), id, ct)), "The warning is published.", form, id, ct);

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await reports.DiscardAsync(id, ct)), "The report is discarded.", null, null, ct);

    public async Task<IActionResult> OnPostRenewAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.RenewAsync(id, ct)), "The warning is renewed.", null, null, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.WithdrawAsync(id, ct)), "The warning is withdrawn.", null, null, ct);

    Task<IActionResult> ShowAsync(PageOutcome outcome, string done, WarningForm? form, Guid? report, CancellationToken ct)
    {
        if (!outcome.Ok) (Chosen, ChosenReport) = (form, report);
        return ShowAsync(outcome, done, () => LoadAsync(ct));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Warnings = await desk.AllAsync(ct);
        Reports = await reports.PendingAsync(ct);
    }
}
