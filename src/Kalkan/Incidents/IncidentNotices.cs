namespace Kalkan.Incidents;

/// <summary>What an <see cref="IIncidentObserver"/> is told of a stored version, built in one place for the live notice and for catching up.</summary>
public static class IncidentNotices
{
    public static IncidentNotice Of(Guid incident, IncidentVersion version) =>
        new(incident, [.. version.People.Select(p => p.PseudonymId)], [.. version.Perpetrators.Select(p => p.ProfileId)]);

    /// <summary>The notices of every version stored since <paramref name="since"/>, with when each was stored.</summary>
    public static async Task<List<(IncidentNotice Notice, DateTimeOffset At)>> SinceAsync(KalkanDb db, DateTimeOffset since, CancellationToken ct)
    {
        var versions = await db.Set<IncidentVersion>().AsNoTracking().Include(v => v.People).Include(v => v.Perpetrators).AsSplitQuery()
            .Where(v => v.CreatedAt >= since).ToListAsync(ct);
        return [.. versions.Select(v => (Of(v.IncidentId, v), v.CreatedAt))];
    }
}
