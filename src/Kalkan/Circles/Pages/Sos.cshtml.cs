using System.Globalization;
using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Circles.Pages;

/// <summary>The SOS page: one big button. The script adds her position when the phone gives it; without it the SOS still goes.</summary>
[Authorize(Roles.Member)]
public sealed class SosModel(KalkanDb db, CircleDirectory circles, StreamHub hub, Idempotency once, TimeProvider clock) : PageModel
{
    public SosEndpoints.SosView? Call { get; private set; }
    public PageOutcome? Outcome { get; private set; }
    /// <summary>Whether anyone accepted to be in her circle: if not, only the defenders hear her SOS, and the page must not say otherwise.</summary>
    public bool HasCircle { get; private set; }
    /// <summary>One key per page view: a resend of this form (a double tap, the offline queue) is one SOS.</summary>
    public string FormKey { get; private set; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } callId && PageOutcome.From(await SosEndpoints.Show(callId, User, db, circles, ct)).Value is SosEndpoints.SosView view) Call = view;
        HasCircle = (await CircleEndpoints.Show(User, circles, ct)).Value!.Members.Any(m => m.Accepted);
    }

    public async Task<IActionResult> OnPostAsync(string? lat, string? lon, string? note, string? idempotencyKey, CancellationToken ct)
    {
        var result = await SosEndpoints.Raise(new(Number(lat), Number(lon), string.IsNullOrWhiteSpace(note) ? null : note), User, db, circles, hub, clock,
            once, idempotencyKey, HttpContext.RequestServices.GetServices<IAlarmObserver>(), ct);
        Outcome = PageOutcome.From(result);
        if (Outcome.Value is CircleEndpoints.IdResponse created) return Redirect($"/sos?id={created.Id}");
        Response.StatusCode = 400;
        await OnGetAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct)
    {
        await SosEndpoints.Resolve(id, User, db, circles, hub, clock, ct);
        return Redirect($"/sos?id={id}");
    }

    static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
