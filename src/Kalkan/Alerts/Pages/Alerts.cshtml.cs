using Kalkan.Delivery.Push;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Alerts.Pages;

/// <summary>
/// /alerts, a member's home: the active alerts and the report form. Without script it lists the
/// alerts and takes reports with typed coordinates or a landmark; alerts.js adds distance and
/// direction from the phone's own position (computed in the page, never sent), live updates, the
/// map and push. Each form calls the service the API calls (<see cref="AlertReports"/>, <see cref="AlertDesk"/>,
/// <see cref="PushSubscriptions"/>) and answers with the status it decided. Done posts redirect (post-redirect-get), so
/// Back or a reload never sends a form again; a refused report keeps what she chose.
/// </summary>
[Authorize(Roles.Member)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AlertEndpoints.GroupLimit)]
public sealed class AlertsModel(AlertDesk desk, LandmarkBook landmarks, IOptions<MapOptions> map) : OutcomePage
{
    static readonly Dictionary<string, string> DoneMessages = new()
    {
        ["sent"] = "Your report was sent.",
        ["merged"] = "It was already reported nearby: your report confirms it.",
        ["confirmed"] = "Thank you: your confirmation counts.",
    };

    public List<AlertView> Alerts { get; private set; } = [];
    public List<LandmarkView> Landmarks { get; private set; } = [];
    public MapOptions Map => map.Value;
    /// <summary>What she chose in a refused report, shown again so she loses nothing.</summary>
    public ReportRequest? Chosen { get; private set; }
    public string FormKey { get; private set; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is not null && DoneMessages.TryGetValue(done, out var message) ? message : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostReportAsync(string? kind, string? lat, string? lon, Guid? landmark, string? note, string? idempotencyKey,
        [FromServices] AlertReports reports, CancellationToken ct)
    {
        var request = new ReportRequest(kind, Geo.Parse(lat), Geo.Parse(lon), landmark, note);
        var outcome = PageOutcome.From(await reports.SendAsync(User.MemberId(), request, idempotencyKey, ct));
        if (outcome.Ok) return Redirect(outcome.Value is AlertView { Merged: true } ? "/alerts?done=merged" : "/alerts?done=sent");
        if (landmark is null && string.IsNullOrWhiteSpace(lat) && string.IsNullOrWhiteSpace(lon))
        {
            // No place at all: say where a place can come from, not which number was out of range.
            var errors = outcome.Errors.Where(e => e.Key is not ("lat" or "lon")).ToDictionary();
            errors["place"] = ["Where is it? Allow this phone to know its position, choose a named place, or type the coordinates."];
            outcome = outcome with { Errors = errors };
        }
        // A place typed but unreadable is named as such, not as missing.
        else if (landmark is null && (lat is { Length: > 0 } && request.Lat is null || lon is { Length: > 0 } && request.Lon is null))
            outcome = outcome with { Errors = new Dictionary<string, string[]>(outcome.Errors) { ["lat"] = [Validation.LatitudeMessage] } };
        Chosen = request;
        if (idempotencyKey is { Length: >= 8 and <= 100 }) FormKey = idempotencyKey;
        return await ShowAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var outcome = PageOutcome.From(await desk.ConfirmAsync(User.MemberId(), id, ct));
        // Back where she was in the list, not at the top.
        return outcome.Ok ? Redirect($"/alerts?done=confirmed#alert-{id}") : await ShowAsync(outcome, ct);
    }

    /// <summary>The page's script sends the browser's PushSubscription here (the API wants a bearer token the page does not hold).</summary>
    public async Task<IActionResult> OnPostPushAsync(string? endpoint, string? p256dh, string? auth, [FromServices] PushSubscriptions push, CancellationToken ct) =>
        StatusCode((await push.AddAsync(User.MemberId(), endpoint, p256dh, auth, ct)).Status);

    public async Task<IActionResult> OnPostUnpushAsync(string? endpoint, [FromServices] PushSubscriptions push, CancellationToken ct) =>
        StatusCode((await push.RemoveAsync(User.MemberId(), endpoint, ct)).Status);

    Task<IActionResult> ShowAsync(PageOutcome outcome, CancellationToken ct) => ShowAsync(outcome, null, () => LoadAsync(ct));

    async Task LoadAsync(CancellationToken ct)
    {
        Alerts = await desk.ActiveAsync(User.MemberId(), false, ct);
        Landmarks = await landmarks.ListAsync(ct);
    }
}
