using Kalkan.Delivery;

namespace Kalkan.Cases;

/// <summary>
/// When a defender's stream opens, the retaliation warnings of her cases that nobody has acknowledged
/// yet, as the `retaliation` events she would have heard: a phone that was off, or a server that
/// restarted, loses none.
/// </summary>
sealed class RetaliationGreeting(KalkanDb db, CaseKeys keys, TimeProvider clock) : IStreamGreeting
{
    static readonly TimeSpan Recent = TimeSpan.FromDays(30);

    public async Task<IEnumerable<(string Event, object Payload)>> StillOpenAsync(Guid memberId, string role, CancellationToken ct)
    {
        if (!Identity.Members.Roles.AttendsEveryone(role)) return [];
        var index = keys.AssigneeIndexOf(memberId);
        var since = clock.GetUtcNow() - Recent;
        var warnings = await db.Set<CaseWarning>().AsNoTracking()
            .Where(w => w.AcknowledgedAt == null && w.RaisedAt >= since && db.Set<CaseAssignee>().Any(a => a.CaseId == w.CaseId && a.MemberIndex == index))
            .OrderBy(w => w.RaisedAt).ToListAsync(ct);
        return warnings.Select(w => ("retaliation", RetaliationWarnings.Payload(w)));
    }
}
