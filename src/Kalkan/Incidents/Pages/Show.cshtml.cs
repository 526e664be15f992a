using Kalkan.Identity.Members;

namespace Kalkan.Incidents.Pages;

/// <summary>
/// /incidents/{id}: one version (the newest, or ?version=N) with the list of every version, its
/// fingerprint, and for each perpetrator without a known profile the profiles that share his badge
/// or plate, each with a button that links him (an edit of a draft, a new version of a sealed one).
/// </summary>
[Authorize(Roles.Documenter)]
public sealed class ShowModel(IncidentViewers viewers, IncidentReader reader, IncidentRecorder recorder, PerpetratorProfiles profiles, Evidence.EvidenceStore evidence) : PageModel
{
    public IncidentView Incident { get; private set; } = null!;
    public Dictionary<int, List<ProfileMatch>> Suggestions { get; } = [];
    public List<Evidence.EvidenceView> Evidence { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>What became of an upload from the evidence form (see Evidence/EvidenceForm).</summary>
    public string? Upload { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? version, string? saved, string? evidence, CancellationToken ct)
    {
        Saved = saved is IncidentCodes.Draft or IncidentCodes.Sealed ? saved : null;
        Upload = evidence is "added" or "too-large" or "refused" or "invalid" ? evidence : null;
        return await LoadAsync(id, version, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSealAsync(Guid id, CancellationToken ct)
    {
        var result = await recorder.SealAsync(await viewers.OfAsync(User), id, ct);
        if (result.Outcome == RecordOutcome.NotFound) return NotFound();
        if (result.Outcome == RecordOutcome.Done) return Redirect($"/incidents/{id}?saved=sealed");
        Problem = result.Title;
        Response.StatusCode = 409;
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    /// <summary>Links perpetrator <paramref name="slot"/> to a known profile, keeping everything else the version says.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid id, int slot, Guid profile, CancellationToken ct)
    {
        var viewer = await viewers.OfAsync(User);
        if (await reader.GetAsync(viewer, id, null, ct) is not { } current) return NotFound();
        var input = InputOf(current, slot, profile);
        var result = current.State == IncidentCodes.Draft ? await recorder.UpdateDraftAsync(viewer, id, input, ct) : await recorder.CorrectAsync(viewer, id, input, ct);
        if (result.Outcome == RecordOutcome.Done) return Redirect($"/incidents/{id}?saved={result.Created!.State}");
        Problem = result.Title ?? "The link could not be made.";
        Response.StatusCode = 409;
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    static IncidentInput InputOf(IncidentView v, int slot, Guid profile) => new(
        v.OccurredOn, v.Place, v.Lat, v.Lon, v.District, [.. v.Acts.Select(a => new ActInput(a.Code, a.Details))], v.Narrative,
        [.. v.Victims.Select(p => new PersonInput(p.Pseudonym, p.Defender))], [.. v.Witnesses.Select(p => new PersonInput(p.Pseudonym))],
        [.. v.Perpetrators.Select((p, i) => new PerpetratorInput(p.Kind, p.Unit, p.Badge, p.VehiclePlate, p.Description, i == slot ? profile : p.Profile))],
        v.Trigger, new ConsentInput(v.Consent.Aggregate, v.Consent.Advocacy, v.Consent.Legal), false,
        v.State == IncidentCodes.Sealed ? "linked a perpetrator to a known profile" : v.Correction);

    async Task<bool> LoadAsync(Guid id, int? version, CancellationToken ct)
    {
        if (await reader.GetAsync(await viewers.OfAsync(User), id, version, ct) is not { } incident) return false;
        Incident = incident;
        Evidence = await evidence.ListAsync(id, ct);
        for (var slot = 0; slot < incident.Perpetrators.Count; slot++)
        {
            var p = incident.Perpetrators[slot];
            var others = (await profiles.MatchAsync(p.Badge, p.VehiclePlate, ct)).Where(m => m.Profile != p.Profile).ToList();
            if (others.Count > 0) Suggestions[slot] = others;
        }
        return true;
    }
}
