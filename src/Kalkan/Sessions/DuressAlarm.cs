using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Sessions;

/// <summary>
/// A sign-in with a duress passphrase silently tells the network's defenders, on their streams
/// (`event: duress`) and phones, that she may be under duress. Nothing on her side of the wire differs.
/// </summary>
public sealed class DuressAlarm(KalkanDb db, MemberAccounts accounts, StreamHub hub, TimeProvider clock)
{
    public async Task RaiseIfAsync(SignInResult result, CancellationToken ct)
    {
        if (!result.Duress) return;
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == result.MemberId, ct);
        hub.Publish("duress", new { handle = accounts.HandleOf(member), at = clock.GetUtcNow() }, Audience.Roles(Roles.Defender, Roles.Admin), push: true);
    }
}
