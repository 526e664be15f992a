using Kalkan.Identity.Members;

namespace Kalkan.Circles.Pages;

[Authorize(Roles.Member)]
public sealed class CircleModel(CircleBook book) : PageModel
{
    public CircleView Circle { get; private set; } = new([], []);
    public PageOutcome? Outcome { get; private set; }

    Guid Me => Caller.Of(User).Id;

    public async Task OnGetAsync(CancellationToken ct) => Circle = await book.ShowAsync(Me, ct);

    public async Task<IActionResult> OnPostInviteAsync(string? handle, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await book.InviteAsync(Me, handle, ct)), ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await book.AcceptAsync(Me, id, ct)), ct);

    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await book.LeaveAsync(Me, id, ct)), ct);

    Task<IActionResult> ShowAsync(PageOutcome outcome, CancellationToken ct) => this.AnswerAsync(Outcome = outcome, "/circle", () => OnGetAsync(ct));
}
