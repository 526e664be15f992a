using System.Linq.Expressions;

namespace Kalkan.Incidents;

/// <summary>
/// The few facts about incidents another feature (Cases, Warnings) may ask for, answered as ids and flags:
/// no other feature reads an incident's rows itself.
/// </summary>
public sealed class IncidentFacts(KalkanDb db)
{
    /// <summary>Whether this incident exists and the viewer may see it.</summary>
    public Task<bool> VisibleAsync(Viewer viewer, Guid incident, CancellationToken ct) =>
        db.Set<Incident>().VisibleTo(viewer).AnyAsync(i => i.Id == incident, ct);

    /// <summary>The perpetrator profiles the current version of each of these incidents names.</summary>
    public Task<List<Guid>> ProfilesNamedAsync(IReadOnlyCollection<Guid> incidents, CancellationToken ct) =>
        Current().AsNoTracking().Where(v => incidents.Contains(v.IncidentId))
            .SelectMany(v => v.Perpetrators.Select(p => p.ProfileId)).Distinct().ToListAsync(ct);

    /// <summary>
    /// Whether the victim agreed to advocacy in the current version of this incident (a warning drawn
    /// from it speaks for her). Null when there is no such incident or the viewer may not see it, so
    /// an incident she may not see answers as one that does not exist. One plain column read;
    /// nothing of the incident's sealed body is opened.
    /// </summary>
    public Task<bool?> ConsentsToAdvocacyAsync(Viewer viewer, Guid incident, CancellationToken ct) =>
        Current(db.Set<Incident>().VisibleTo(viewer)).AsNoTracking().Where(v => v.IncidentId == incident)
            .Select(v => (bool?)v.ConsentAdvocacy).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The incidents whose victim, in the current version, agreed to aggregate statistics: a query,
    /// so that a caller on the same store counts with it inside its own.
    /// </summary>
    public IQueryable<Guid> ConsentingToStatistics() => Current().Where(v => v.ConsentAggregate).Select(v => v.IncidentId);

    /// <summary>The current version of each incident, of all of them or of those a caller may see.</summary>
    IQueryable<IncidentVersion> Current(IQueryable<Incident>? among = null)
    {
        var incidents = among ?? db.Set<Incident>();
        return db.Set<IncidentVersion>().Where(v => incidents.Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number));
    }
}

/// <summary>
/// Another feature's rows that name an incident or a perpetrator profile: the store holds the key,
/// and such a row keeps what it names from being deleted under it.
/// </summary>
public static class IncidentReferences
{
    public static void ReferencesIncident<T>(this EntityTypeBuilder<T> rows, Expression<Func<T, object?>> key) where T : class =>
        rows.HasOne<Incident>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);

    public static void ReferencesProfile<T>(this EntityTypeBuilder<T> rows, Expression<Func<T, object?>> key) where T : class =>
        rows.HasOne<PerpetratorProfile>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);
}
