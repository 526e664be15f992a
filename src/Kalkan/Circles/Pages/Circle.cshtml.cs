using Kalkan.Members;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kalkan.Circles.Pages;

[Authorize(Roles.Member)]
public sealed class CircleModel(KalkanDb db, MemberAccounts accounts, CircleDirectory circles, IOptions<CirclesOptions> options, TimeProvider clock) : PageModel
{
    public CircleEndpoints.CircleView Circle { get; private set; } = new([], []);
    public PageOutcome? Outcome { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Circle = (await CircleEndpoints.Show(User, circles, ct)).Value!;

    public async Task<IActionResult> OnPostInviteAsync(string? handle, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await CircleEndpoints.Invite(new(handle), User, db, accounts, circles, options, clock, ct)), ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await CircleEndpoints.Accept(id, User, db, circles, clock, ct)), ct);

    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await CircleEndpoints.Leave(id, User, db, circles, ct)), ct);

    /// <summary>Post-redirect-get when it worked, so Back or a reload never sends it again; the page with what went wrong when not.</summary>
    async Task<IActionResult> ShowAsync(PageOutcome outcome, CancellationToken ct)
    {
        if (outcome.Ok) return Redirect("/circle");
        Outcome = outcome;
        Response.StatusCode = 400;
        await OnGetAsync(ct);
        return Page();
    }
}
