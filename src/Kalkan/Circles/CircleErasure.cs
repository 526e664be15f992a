using Kalkan.Identity.Members;

namespace Kalkan.Circles;

/// <summary>
/// A deleted account leaves nothing in circles: her SOS calls and check-ins (with the answers to
/// them), the links of her circle and of the circles she was in, and her answers to others' calls.
/// </summary>
sealed class CircleErasure(KalkanDb db, CircleSeal seal) : IMemberErasure
{
    public async Task EraseAsync(Guid memberId, CancellationToken ct)
    {
        var (sos, checkin) = (seal.SosOwnerIndex(memberId), seal.CheckinOwnerIndex(memberId));
        var (owner, member) = (seal.LinkOwnerIndex(memberId), seal.LinkMemberIndex(memberId));
        await db.Set<SosCall>().Where(s => s.OwnerIndex == sos).ExecuteDeleteAsync(ct);
        await db.Set<Checkin>().Where(c => c.OwnerIndex == checkin).ExecuteDeleteAsync(ct);
        await db.Set<CircleLink>().Where(l => l.OwnerIndex == owner || l.MemberIndex == member).ExecuteDeleteAsync(ct);
        // Who answered is sealed; the open answers are few, so they are opened here to find hers.
        var answers = await db.Set<SosResponse>().AsNoTracking().Select(r => new { r.Id, r.ResponderSealed }).ToListAsync(ct);
        var hers = answers.Where(r => seal.ResponderOf(r.Id, r.ResponderSealed) == memberId).Select(r => r.Id).ToList();
        if (hers.Count > 0) await db.Set<SosResponse>().Where(r => hers.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }
}
