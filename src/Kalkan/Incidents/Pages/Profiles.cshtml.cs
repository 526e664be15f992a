using Kalkan.Audit;
using Kalkan.Identity.Members;

namespace Kalkan.Incidents.Pages;

/// <summary>/perpetrators and /perpetrators/{id}: who keeps coming back, for defenders preparing complaints.</summary>
[Authorize(Roles.Defender)]
public sealed class ProfilesModel(PerpetratorProfiles profiles, AuditChain audit) : PageModel
{
    public List<ProfileView> Profiles { get; private set; } = [];
    public ProfileView? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is null)
        {
            Profiles = await profiles.ListAsync(ct);
            return Page();
        }
        Profile = await profiles.ViewAsync(id.Value, ct);
        if (Profile is null) return NotFound();
        await audit.RecordAsync(IncidentActions.ProfileRead, id, ct);
        return Page();
    }
}
