using Kalkan.Delivery;

namespace Kalkan.Identity.Members;

/// <summary>
/// Duress warnings for the defenders: raised by a duress sign-in or a check-in marked done with the
/// duress passphrase, stored sealed, sent live as `event: duress` to the (effective) defenders'
/// streams and, with the neutral text, to their phones; listed on /calls and the console until one
/// of them resolves it. A warning changed on disk (it no longer opens) is left out of the list and
/// counted in the log, and a handle that does not open is shown blank (<see cref="SealedRows"/>): one
/// such row must not take the other warnings, and the open calls listed beside them, off /calls.
/// </summary>
public sealed class DuressWarnings(KalkanDb db, FieldCipher cipher, MemberAccounts accounts, StreamHub hub, TimeProvider clock, ILogger<DuressWarnings> log)
{
    public const string SignInReason = "sign-in", CheckinReason = "check-in";
    public static readonly Audience Defenders = Audience.Roles(Roles.Defender, Roles.Admin);

    public sealed record DuressView(Guid Id, string Handle, string Reason, DateTimeOffset At);

    public async Task RaiseAsync(Guid owner, string reason, CancellationToken ct)
    {
        var call = new DuressCall { OwnerSealed = [], ReasonSealed = [], CreatedAt = clock.GetUtcNow() };
        call.OwnerSealed = cipher.Encrypt(owner.ToString("N"), Ref(call.Id, DuressCall.OwnerColumn));
        call.ReasonSealed = cipher.Encrypt(reason, Ref(call.Id, DuressCall.ReasonColumn));
        db.Add(call);
        await db.SaveChangesAsync(ct);
        hub.Publish("duress", (await ViewsAsync([call], ct)).Single(), Defenders, push: true);
    }

    /// <summary>The open warnings, oldest first: only for an (effective) defender; anyone else gets none.</summary>
    public async Task<List<DuressView>> OpenAsync(string effectiveRole, CancellationToken ct)
    {
        if (!Roles.AttendsEveryone(effectiveRole)) return [];
        return await ViewsAsync(await db.Set<DuressCall>().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(ct), ct);
    }

    /// <summary>A defender dealt with it: the warning goes. False when there is none (or she may not).</summary>
    public async Task<bool> ResolveAsync(Guid id, string effectiveRole, CancellationToken ct)
    {
        if (!Roles.AttendsEveryone(effectiveRole)) return false;
        if (await db.Set<DuressCall>().Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        hub.Publish("duress-resolved", new { id }, Defenders);
        return true;
    }

    /// <summary>The warnings with their owners' handles, read in one query.</summary>
    async Task<List<DuressView>> ViewsAsync(List<DuressCall> calls, CancellationToken ct)
    {
        var opened = SealedRows.OpenEach(calls, c => (Call: c, Owner: Guid.Parse(cipher.DecryptString(c.OwnerSealed, Ref(c.Id, DuressCall.OwnerColumn))),
            Reason: cipher.DecryptString(c.ReasonSealed, Ref(c.Id, DuressCall.ReasonColumn))), log, "duress warnings");
        var owners = opened.Select(c => c.Owner).Distinct().ToList();
        var handles = (await db.Members.AsNoTracking().Where(m => owners.Contains(m.Id)).ToListAsync(ct))
            .ToDictionary(m => m.Id, m => accounts.HandleOrBlank(m, log));
        return [.. opened.Select(c => new DuressView(c.Call.Id, handles.GetValueOrDefault(c.Owner, ""), c.Reason, c.Call.CreatedAt))];
    }

    static FieldRef Ref(Guid id, string column) => new(DuressCall.Table, column, id);
}
