using Kalkan.Identity.Members;

namespace Kalkan.Incidents.Pages;

/// <summary>
/// /incidents/new and /incidents/{id}/edit: one form that works on a phone without script. "Save
/// draft" keeps it on the server, sealed at rest (never in the phone's storage, which police may
/// search); a draft is edited in place, a sealed incident is corrected into a new version.
/// </summary>
[Authorize(Roles.Documenter)]
public sealed class NewModel(IncidentViewers viewers, IncidentRecorder recorder, IncidentReader reader) : PageModel
{
    [BindProperty] public IncidentForm Input { get; set; } = new();
    public PageOutcome? Outcome { get; private set; }
    public IncidentView? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is null) return Page();
        Current = await reader.GetAsync(await viewers.OfAsync(User), id.Value, null, ct);
        if (Current is null) return NotFound();
        Input = IncidentForm.From(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? action, CancellationToken ct)
    {
        var viewer = await viewers.OfAsync(User);
        var seal = action == "seal";
        var input = Input.ToInput(seal);
        RecordResult result;
        if (id is null) result = await recorder.CreateAsync(viewer, input, ct);
        else
        {
            Current = await reader.GetAsync(viewer, id.Value, null, ct);
            if (Current is null) return NotFound();
            // Perpetrators beyond the form's one stay as they were.
            input = input with { Perpetrators = [.. input.Perpetrators!, .. Current.Perpetrators.Skip(1).Select(p => new PerpetratorInput(p.Kind, p.Unit, p.Badge, p.VehiclePlate, p.Description, p.Profile))] };
            result = Current.State == IncidentCodes.Draft ? await recorder.UpdateDraftAsync(viewer, id.Value, input, ct) : await recorder.CorrectAsync(viewer, id.Value, input, ct);
        }
        if (result.Outcome == RecordOutcome.Done) return Redirect($"/incidents/{result.Created!.Id}?saved={result.Created.State}");
        Outcome = result.Outcome == RecordOutcome.Invalid
            ? new PageOutcome(false, result.Errors!.Fields.ToDictionary(f => f.Field, f => f.Messages.ToArray()), null, null)
            : new PageOutcome(false, new Dictionary<string, string[]>(), result.Title, null);
        Response.StatusCode = result.Outcome == RecordOutcome.Invalid ? 400 : 409;
        return Page();
    }
}
