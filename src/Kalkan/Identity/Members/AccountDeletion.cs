using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>
/// Deleting an account deletes: her row, her decoy, their sessions, the codes she made, and what
/// every feature keeps of her (<see cref="IMemberErasure"/>: SOS calls, check-ins, circle links,
/// reporter record, push subscriptions), in one transaction. Those she invited stay, with nothing
/// left that links them to her. Another member's row changed on disk (its inviter no longer opens) does
/// not keep her from leaving: it is passed over and counted in the log (<see cref="SealedRows"/>). If
/// it was one she invited, it keeps her id, sealed, as its inviter: an id that names no row once she is gone.
/// </summary>
public sealed class AccountDeletion(KalkanDb db, MemberAccounts accounts, SessionStore sessions, IEnumerable<IMemberErasure> erasures, Audit.AuditChain audit,
    ILogger<AccountDeletion> log)
{
    public async Task DeleteAsync(Holder holder, CancellationToken ct)
    {
        var me = holder.Me;
        if (holder.UnderDuress)
        {
            // Under duress "delete my account" ends the decoy's sessions and seems done; her account stays.
            await sessions.EndAllOfAsync(me.Id, ct);
            return;
        }
        Guid[] both = accounts.DuressOf(me).DecoyId is { } decoy ? [me.Id, decoy] : [me.Id];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The invitation tree is sealed, so her invitees are found by opening it here.
        var rows = await db.Members.AsNoTracking().Where(m => m.InvitedBySealed != null).Select(m => new { m.Id, m.InvitedBySealed }).ToListAsync(ct);
        var invited = SealedRows.OpenEach(rows, m => (m.Id, By: accounts.InviterOf(m.Id, m.InvitedBySealed)), log, "inviters")
            .Where(m => m.By == me.Id).Select(m => m.Id).ToList();
        await db.Members.Where(m => invited.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.InvitedBySealed, (byte[]?)null), ct);
        await db.Set<Invitation>().Where(i => i.CreatedBy == me.Id).ExecuteDeleteAsync(ct);
        foreach (var id in both)
        {
            foreach (var erasure in erasures) await erasure.EraseAsync(id, ct);
            await sessions.EndAllOfAsync(id, ct);
        }
        await db.Members.Where(m => both.Contains(m.Id)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(Audit.AuditActions.AccountDeleted, me.Id, ct);
    }
}
