using Kalkan.Alerts;
using Kalkan.Identity.Members;

namespace Kalkan.Circles.Pages;

/// <summary>The SOS page: one big button. The script adds her position when the phone gives it; without it the SOS still goes.</summary>
[Authorize(Roles.Member)]
public sealed class SosModel(SosDesk desk, CircleDirectory directory) : PageModel
{
    public SosView? Call { get; private set; }
    public PageOutcome? Outcome { get; private set; }
    /// <summary>Whether anyone accepted to be in her circle: if not, only the defenders hear her SOS, and the page must not say otherwise.</summary>
    public bool HasCircle { get; private set; }
    /// <summary>One key per page view: a resend of this form (a double tap, the offline queue) is one SOS.</summary>
    public string FormKey { get; private set; } = Guid.NewGuid().ToString("N");

    Caller Me => Caller.Of(User);

    public async Task OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } callId && (await desk.ShowAsync(callId, Me, ct)).Value is { } view) Call = view;
        HasCircle = (await directory.CircleOfAsync(Me.Id, ct)).Count > 0;
    }

    public async Task<IActionResult> OnPostAsync(string? lat, string? lon, string? note, string? idempotencyKey, CancellationToken ct)
    {
        var outcome = await desk.RaiseAsync(Me.Id, new(Geo.Parse(lat), Geo.Parse(lon), note), idempotencyKey, ct);
        return await this.AnswerAsync(Outcome = PageOutcome.From(outcome), $"/sos?id={outcome.Value?.Id}", () => OnGetAsync(null, ct));
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct)
    {
        await desk.ResolveAsync(id, Me, ct);
        return Redirect($"/sos?id={id}");
    }
}
