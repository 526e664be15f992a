using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Places.Pages;

/// <summary>
/// /places: the safe-places directory. Members read it (online, or the last copy offline); defenders
/// keep it on the same page. The directory decides every outcome; the page shows its status.
/// </summary>
[Authorize(Roles.Member)]
[EnableRateLimiting(PlaceEndpoints.GroupLimit)]
public sealed class PlacesModel(PlaceDirectory directory) : PageModel
{
    static readonly Dictionary<string, string> DoneMessages = new()
    {
        ["added"] = "The place is added.",
        ["updated"] = "The place is corrected.",
        ["checked"] = "Marked as checked today.",
        ["removed"] = "The place is removed.",
    };

    public List<PlaceView> Places { get; private set; } = [];
    public string? Done { get; private set; }
    public PlaceOutcome? Outcome { get; private set; }
    /// <summary>The place whose form is open for a correction, or null for a new place.</summary>
    public PlaceView? Editing { get; private set; }
    /// <summary>What the form shows: the refused request, the place being corrected, or nothing.</summary>
    public PlaceRequest Form { get; private set; } = new(null, null, null, null, null, null, null);
    public bool Keeps => User.Has(Roles.Defender);

    public async Task OnGetAsync(string? done, Guid? edit, CancellationToken ct)
    {
        Done = done is not null && DoneMessages.TryGetValue(done, out var message) ? message : null;
        await LoadAsync(ct);
        if (Keeps && edit is { } id && Places.FirstOrDefault(p => p.Id == id) is { } place)
        {
            Editing = place;
            Form = new(place.Name, place.Kind, place.District, place.Hours, place.Languages, place.Contact, place.Note);
        }
    }

    public Task<IActionResult> OnPostAddAsync(PlaceForm form, CancellationToken ct) =>
        KeeperOnlyAsync(async () => await AfterAsync(await directory.AddAsync(form.Request, ct), "added", form.Request, null, ct));

    public Task<IActionResult> OnPostUpdateAsync(Guid id, PlaceForm form, CancellationToken ct) =>
        KeeperOnlyAsync(async () => await AfterAsync(await directory.UpdateAsync(id, form.Request, ct), "updated", form.Request, id, ct));

    public Task<IActionResult> OnPostCheckedAsync(Guid id, CancellationToken ct) =>
        KeeperOnlyAsync(async () => await AfterAsync(await directory.MarkCheckedAsync(id, ct), "checked", null, null, ct));

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) =>
        KeeperOnlyAsync(async () => await AfterAsync(await directory.RemoveAsync(id, ct), "removed", null, null, ct));

    /// <summary>A member who posts a keeper's form gets the same 403 the API gives her, with nothing changed.</summary>
    async Task<IActionResult> KeeperOnlyAsync(Func<Task<IActionResult>> act) => Keeps ? await act() : Forbid();

    /// <summary>Post-redirect-get when it worked; otherwise the page again, with the directory's status and her input kept.</summary>
    async Task<IActionResult> AfterAsync(PlaceOutcome outcome, string done, PlaceRequest? input, Guid? editing, CancellationToken ct)
    {
        if (outcome.Ok) return Redirect($"/places?done={done}");
        Outcome = outcome;
        Response.StatusCode = outcome.Status;
        await LoadAsync(ct);
        if (input is not null) Form = input;
        if (editing is { } id) Editing = Places.FirstOrDefault(p => p.Id == id);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct) => Places = await directory.ListAsync(ct);

    /// <summary>The form's fields as posted; languages are one text box, split at commas.</summary>
    public sealed class PlaceForm
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? District { get; set; }
        public string? Hours { get; set; }
        public string? Languages { get; set; }
        public string? Contact { get; set; }
        public string? Note { get; set; }

        public PlaceRequest Request => new(Name, Kind, District, Hours, PlaceInput.SplitLanguages(Languages), Contact, Note);
    }
}
