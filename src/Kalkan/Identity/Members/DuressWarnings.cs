using Kalkan.Delivery;

namespace Kalkan.Identity.Members;

/// <summary>
/// Duress warnings for the defenders: raised by a duress sign-in or a check-in marked done with the
/// duress passphrase, stored sealed, sent live as `event: duress` to the (effective) defenders'
/// streams and, with the neutral text, to their phones; listed on /calls and the console until one
/// of them resolves it.
/// </summary>
public sealed class DuressWarnings(KalkanDb db, FieldCipher cipher, MemberAccounts accounts, StreamHub hub, TimeProvider clock)
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
        hub.Publish("duress", await ViewAsync(call, ct), Defenders, push: true);
    }

    /// <summary>The open warnings, oldest first: only for an (effective) defender; anyone else gets none.</summary>
    public async Task<List<DuressView>> OpenAsync(string effectiveRole, CancellationToken ct)
    {
        if (!Roles.AttendsEveryone(effectiveRole)) return [];
        var views = new List<DuressView>();
        foreach (var call in await db.Set<DuressCall>().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(ct))
            views.Add(await ViewAsync(call, ct));
        return views;
    }

    /// <summary>A defender dealt with it: the warning goes. False when there is none (or she may not).</summary>
    public async Task<bool> ResolveAsync(Guid id, string effectiveRole, CancellationToken ct)
    {
        if (!Roles.AttendsEveryone(effectiveRole)) return false;
        if (await db.Set<DuressCall>().Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        hub.Publish("duress-resolved", new { id }, Defenders);
        return true;
    }

    async Task<DuressView> ViewAsync(DuressCall call, CancellationToken ct)
    {
        var owner = Guid.Parse(cipher.DecryptString(call.OwnerSealed, Ref(call.Id, DuressCall.OwnerColumn)));
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == owner, ct);
        return new DuressView(call.Id, member is null ? "" : accounts.HandleOf(member),
            cipher.DecryptString(call.ReasonSealed, Ref(call.Id, DuressCall.ReasonColumn)), call.CreatedAt);
    }

    static FieldRef Ref(Guid id, string column) => new(DuressCall.Table, column, id);
}
