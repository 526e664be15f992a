using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Sessions;
using Kalkan.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Circles.Pages;

/// <summary>Calls for help this person attends: every open SOS and missed check-in for a defender, her circles' for a member.</summary>
[Authorize(Roles.Member)]
public sealed class CallsModel(KalkanDb db, CircleDirectory circles, StreamHub hub, DuressWarnings duress, TimeProvider clock) : PageModel
{
    public List<SosEndpoints.SosView> Sos { get; private set; } = [];
    public List<CheckinEndpoints.MissedView> Missed { get; private set; } = [];
    /// <summary>Open duress warnings: a defender's only (empty for anyone else).</summary>
    public List<DuressWarnings.DuressView> Duress { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sos = (await SosEndpoints.Open(User, db, circles, ct)).Value ?? [];
        Missed = (await CheckinEndpoints.Missed(User, db, circles, ct)).Value ?? [];
        Duress = await duress.OpenAsync(User.Role(), ct);
    }

    /// <summary>A defender dealt with a duress warning (from here or from the console).</summary>
    public async Task<IActionResult> OnPostResolveDuressAsync(Guid id, CancellationToken ct)
    {
        await duress.ResolveAsync(id, User.Role(), ct);
        return Redirect("/calls");
    }

    public async Task<IActionResult> OnPostRespondAsync(Guid id, string? kind, CancellationToken ct)
    {
        await SosEndpoints.Respond(id, new(kind), User, db, circles, hub, clock, ct);
        return Redirect("/calls");
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct)
    {
        await SosEndpoints.Resolve(id, User, db, circles, hub, clock, ct);
        return Redirect("/calls");
    }

    public async Task<IActionResult> OnPostReachedAsync(Guid id, CancellationToken ct)
    {
        await CheckinEndpoints.Resolve(id, User, db, circles, clock, ct);
        return Redirect("/calls");
    }
}
