using Kalkan.Incidents;

namespace Kalkan.Warnings;

/// <summary>
/// Whether the victim of an incident agreed to advocacy, as its current version records it: a
/// warning drawn from her incident speaks for her, so without that consent it is not published.
/// One plain column read; nothing of the incident's sealed body is opened.
/// </summary>
public sealed class IncidentConsent(KalkanDb db)
{
    /// <summary>Null when there is no such incident.</summary>
    public async Task<bool?> AdvocacyAsync(Guid incidentId, CancellationToken ct) =>
        await db.Set<IncidentVersion>().AsNoTracking()
            .Where(v => v.IncidentId == incidentId && db.Set<Incident>().Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number))
            .Select(v => (bool?)v.ConsentAdvocacy).FirstOrDefaultAsync(ct);
}
