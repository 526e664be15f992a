using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Circles.Pages;

/// <summary>Calls for help this person attends: every open SOS and missed check-in for a defender, her circles' for a member.</summary>
[Authorize(Roles.Member)]
public sealed class CallsModel(SosDesk sos, CallsAttended attended, DuressWarnings duress) : PageModel
{
    public List<SosView> Sos { get; private set; } = [];
    public List<MissedView> Missed { get; private set; } = [];
    /// <summary>Open duress warnings: a defender's only (empty for anyone else).</summary>
    public List<DuressWarnings.DuressView> Duress { get; private set; } = [];
    /// <summary>What a refused answer was told, shown with the status the service decided.</summary>
    public PageOutcome? Outcome { get; private set; }

    Caller Me => Caller.Of(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sos = await attended.SosAsync(Me, null, own: true, ct);
        Missed = await attended.MissedAsync(Me, null, ct);
        Duress = await duress.OpenAsync(User.Role(), ct);
    }

    /// <summary>A defender dealt with a duress warning (from here or from the console).</summary>
    public async Task<IActionResult> OnPostResolveDuressAsync(Guid id, CancellationToken ct)
    {
        await duress.ResolveAsync(id, User.Role(), ct);
        return Redirect("/calls");
    }

    public async Task<IActionResult> OnPostRespondAsync(Guid id, string? kind, CancellationToken ct) =>
        await AfterAsync(PageOutcome.From(await sos.RespondAsync(id, Me, kind, ct)), ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(PageOutcome.From(await sos.ResolveAsync(id, Me, ct)), ct);

    public async Task<IActionResult> OnPostReachedAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(PageOutcome.From(await attended.ReachedAsync(id, Me, ct)), ct);

    Task<IActionResult> AfterAsync(PageOutcome outcome, CancellationToken ct) => this.AnswerAsync(Outcome = outcome, "/calls", () => OnGetAsync(ct));
}
