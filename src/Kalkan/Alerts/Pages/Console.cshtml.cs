using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Alerts.Pages;

/// <summary>
/// /console/alerts, the defenders' console: active alerts with each reporter's record, verify and
/// dismiss; the landmarks; the map of active alerts and the history map from the aggregate.
/// </summary>
[Authorize(Roles.Defender)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AlertEndpoints.GroupLimit)]
public sealed class ConsoleModel(AlertDesk desk, LandmarkBook landmarks, IOptions<MapOptions> map, DuressWarnings duress) : OutcomePage
{
    public List<AlertView> Alerts { get; private set; } = [];
    public List<ManagedLandmark> Landmarks { get; private set; } = [];
    public List<HistoryCell> History { get; private set; } = [];
    public List<DuressWarnings.DuressView> Duress { get; private set; } = [];
    public MapOptions Map => map.Value;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The table's rows alone, for the console's script to refresh after a stream event.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        Alerts = await desk.ActiveAsync(User.MemberId(), true, ct);
        return Partial("_ConsoleRows", this);
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.DecideAsync(id, AlertStatus.Verified, ct)), "The alert is marked verified.", ct);

    public async Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await desk.DecideAsync(id, AlertStatus.Dismissed, ct)), "The alert is dismissed.", ct);

    public async Task<IActionResult> OnPostLandmarkAsync(string? name, string? lat, string? lon, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await landmarks.AddAsync(new(name, Geo.Parse(lat), Geo.Parse(lon)), ct)), "The landmark is added.", ct);

    public async Task<IActionResult> OnPostRemoveLandmarkAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(PageOutcome.From(await landmarks.RemoveAsync(id, ct)), "The landmark is removed.", ct);

    Task<IActionResult> ShowAsync(PageOutcome outcome, string done, CancellationToken ct) => ShowAsync(outcome, done, () => LoadAsync(ct));

    async Task LoadAsync(CancellationToken ct)
    {
        Alerts = await desk.ActiveAsync(User.MemberId(), true, ct);
        Landmarks = await landmarks.ManagedAsync(ct);
        History = (await desk.HistoryAsync(null, ct)).Value ?? [];
        Duress = await duress.OpenAsync(User.Role(), ct);
    }
}
