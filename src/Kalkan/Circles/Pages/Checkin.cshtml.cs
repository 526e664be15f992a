using Kalkan.Identity.Members;

namespace Kalkan.Circles.Pages;

/// <summary>Check-in timers, in minutes from now so the page needs no script and no time zone.</summary>
[Authorize(Roles.Member)]
public sealed class CheckinModel(CheckinDesk desk, CircleBook book, TimeProvider clock) : PageModel
{
    public static readonly int[] Choices = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480];
    /// <summary>The daily check-in suggested to a member under the retaliation watch: due in 24 hours.</summary>
    public const int Daily = 24 * 60;

    static readonly Dictionary<string, string> DoneMessages = new()
    {
        ["set"] = "Your check-in is set.",
        ["extended"] = "Your check-in is extended.",
        ["checked"] = "Checked in. Glad you are safe.",
    };

    public List<CheckinView> Pending { get; private set; } = [];
    public PageOutcome? Outcome { get; private set; }
    public string? Done { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();
    public string FormKey { get; private set; } = Guid.NewGuid().ToString("N");
    /// <summary>She stands behind a complaint: the page suggests a daily check-in.</summary>
    public bool Watched { get; private set; }

    Guid Me => Caller.Of(User).Id;

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is not null && DoneMessages.TryGetValue(done, out var message) ? message : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int minutes, string? note, string? idempotencyKey, CancellationToken ct)
    {
        var due = clock.GetUtcNow().AddMinutes(Choices.Contains(minutes) || minutes == Daily ? minutes : 0);
        return await AfterAsync(PageOutcome.From(await desk.StartAsync(Me, new(due, note, null, null), idempotencyKey, ct)), "set", ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(Guid id, int minutes, CancellationToken ct)
    {
        var due = clock.GetUtcNow().AddMinutes(Choices.Contains(minutes) ? minutes : 30);
        return await AfterAsync(PageOutcome.From(await desk.ExtendAsync(Me, id, due, ct)), "extended", ct);
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, string? passphrase, CancellationToken ct) =>
        await AfterAsync(PageOutcome.From(await desk.DoneAsync(Me, id, passphrase, ct)), "checked", ct);

    Task<IActionResult> AfterAsync(PageOutcome outcome, string done, CancellationToken ct) =>
        this.AnswerAsync(Outcome = outcome, $"/checkin?done={done}", () => LoadAsync(ct));

    async Task LoadAsync(CancellationToken ct)
    {
        Pending = await desk.MineAsync(Me, ct);
        Watched = await book.IsWatchedAsync(Me, ct);
    }
}
