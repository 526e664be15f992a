using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Circles.Pages;

/// <summary>Check-in timers, in minutes from now so the page needs no script and no time zone.</summary>
[Authorize(Roles.Member)]
public sealed class CheckinModel(KalkanDb db, CircleDirectory circles, PassphraseCheck check, StreamHub hub, Sessions.DuressAlarm duress, TimeProvider clock) : PageModel
{
    public static readonly int[] Choices = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480];

    public List<CheckinEndpoints.CheckinView> Pending { get; private set; } = [];
    public PageOutcome? Outcome { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pending = (await CheckinEndpoints.Mine(User, db, circles, ct)).Value ?? [];

    public async Task<IActionResult> OnPostAsync(int minutes, string? note, CancellationToken ct)
    {
        var due = clock.GetUtcNow().AddMinutes(Choices.Contains(minutes) ? minutes : 0);
        return await ShowAsync(PageOutcome.From(await CheckinEndpoints.Start(new(due, note, null, null), User, db, circles, clock, ct)), "Your check-in is set.", ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(Guid id, int minutes, CancellationToken ct)
    {
        var due = clock.GetUtcNow().AddMinutes(Choices.Contains(minutes) ? minutes : 30);
        return await ShowAsync(PageOutcome.From(await CheckinEndpoints.Extend(id, new(due), User, db, circles, clock, ct)), "Your check-in is extended.", ct);
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, string? passphrase, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await CheckinEndpoints.Done(id, new(passphrase), User, db, circles, check, hub, duress, clock, ct)), "Checked in. Glad you are safe.", ct);

    async Task<IActionResult> ShowAsync(PageOutcome outcome, string done, CancellationToken ct)
    {
        Outcome = outcome;
        if (outcome.Ok) Done = done;
        else Response.StatusCode = 400;
        await OnGetAsync(ct);
        return Page();
    }
}
