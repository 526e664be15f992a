using Kalkan.Identity.Members;

namespace Kalkan.Incidents.Pages;

/// <summary>/incidents: the incidents this person may see, narrowed by dates, violation, district and perpetrator profile.</summary>
[Authorize(Roles.Documenter)]
public sealed class SearchModel(IncidentViewers viewers, IncidentReader reader) : PageModel
{
    public List<IncidentSummary> Found { get; private set; } = [];
    public List<string> Districts { get; private set; } = [];
    public PageOutcome? Outcome { get; private set; }

    public async Task OnGetAsync(string? from, string? to, string? violation, string? district, string? perpetrator, CancellationToken ct)
    {
        var viewer = await viewers.OfAsync(User);
        Districts = await reader.DistrictsAsync(viewer, ct);
        var (filter, errors) = IncidentFilter.Read(from, to, violation, district, perpetrator);
        if (errors.Any)
        {
            Outcome = new PageOutcome(false, errors.Fields.ToDictionary(f => f.Field, f => f.Messages.ToArray()), null, null);
            Response.StatusCode = 400;
            return;
        }
        Found = await reader.SearchAsync(viewer, filter, ct);
    }
}
