using Kalkan.Circles;

namespace Kalkan.Cases;

/// <summary>
/// Who is under the retaliation watch: a complainant or helper linked to a member, on a case still
/// open or closed less than <see cref="CasesOptions"/>' watch months ago (a withdrawal under
/// pressure keeps it on). Asked by the circle pages through <see cref="IWatchedMembers"/>.
/// </summary>
public sealed class CaseWatchList(KalkanDb db, CaseKeys keys, TimeProvider clock) : IWatchedMembers
{
    /// <summary>The cases whose watch is on at <paramref name="now"/>: one rule for the warnings and the pages.</summary>
    public static IQueryable<Case> Watched(KalkanDb db, DateTimeOffset now) =>
        db.Set<Case>().Where(c => c.WatchUntil == null || c.WatchUntil > now);

    public Task<bool> IsWatchedAsync(Guid member, CancellationToken ct)
    {
        var index = keys.WatchedMemberIndexOf(member);
        return Watched(db, clock.GetUtcNow()).AnyAsync(c => db.Set<CasePerson>().Any(p => p.CaseId == c.Id && p.MemberIndex == index), ct);
    }
}
