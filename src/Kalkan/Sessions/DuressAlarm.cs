using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Sessions;

/// <summary>
/// A sign-in with a duress passphrase silently tells the network's defenders, on their streams
/// (`event: duress`) and phones, that she may be under duress. The warning is raised after the
/// answer is on its way, on its own scope, so nothing on her side of the wire, timing included, differs.
/// </summary>
public sealed class DuressAlarm(IServiceScopeFactory scopes, StreamHub hub, TimeProvider clock, ILogger<DuressAlarm> log)
{
    public Task RaiseIfAsync(SignInResult result, CancellationToken ct)
    {
        if (result.Duress) _ = Task.Run(() => RaiseAsync(result.MemberId));
        return Task.CompletedTask;
    }

    async Task RaiseAsync(Guid memberId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId);
            var handle = scope.ServiceProvider.GetRequiredService<MemberAccounts>().HandleOf(member);
            hub.Publish("duress", new { handle, at = clock.GetUtcNow() }, Audience.Roles(Roles.Defender, Roles.Admin), push: true);
        }
        catch (Exception e)
        {
            log.LogError("Could not raise a duress warning: {Type}", e.GetType().Name);
        }
    }
}
