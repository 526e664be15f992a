using Kalkan.Audit;
using Kalkan.Incidents.Evidence;

namespace Kalkan.Incidents.Dossier;

/// <summary>Everything an incident's dossier shows, gathered for one viewer at one moment.</summary>
public sealed record DossierData(Guid Id, List<IncidentView> Versions, Dictionary<Guid, ProfileView> Patterns, bool PatternsShown,
    List<EvidenceView> Evidence, AuditExcerpt Audit, DateTimeOffset MadeAt);

/// <summary>
/// Gathers an incident's dossier for a lawyer: every version, the perpetrators' patterns, the
/// evidence with its hashes, and the audit entries about all of these. Who may not see the
/// incident gets null (the caller's 404). The export is recorded in the chain before the excerpt
/// is read, so the dossier shows its own making as the latest entry about the incident.
/// </summary>
public sealed class IncidentDossiers(IncidentReader reader, PerpetratorProfiles profiles, EvidenceStore evidence,
    AuditExcerpts excerpts, AuditChain audit, TimeProvider clock)
{
    public async Task<DossierData?> GatherAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        if (await reader.AllVersionsAsync(viewer, id, ct) is not { Count: > 0 } versions) return null;
        await audit.RecordAsync(IncidentActions.Exported, id, ct);
        // The patterns of the profiles the incident names now. A pattern counts every incident of the
        // network, so only those who see the network's incidents see it.
        var shown = viewer.Scope == IncidentScope.Network;
        var patterns = new Dictionary<Guid, ProfileView>();
        if (shown)
            foreach (var profile in versions[^1].Perpetrators.Select(p => p.Profile).Distinct())
                if (await profiles.ViewAsync(profile, ct) is { } pattern) patterns[profile] = pattern;
        var files = await evidence.ListAsync(id, ct);
        string[] subjects =
        [
            audit.SubjectOf(id), .. versions.Select(v => v.Fingerprint).OfType<string>(),
            .. files.Select(f => f.Sha256), .. files.Select(f => audit.SubjectOf(f.Id)),
        ];
        return new DossierData(id, versions, patterns, shown, files, await excerpts.ForAsync(subjects, ct), clock.GetUtcNow());
    }
}
