using Kalkan.Members;

namespace Kalkan.Sessions;

/// <summary>
/// A sign-in with a duress passphrase (or a check-in marked done with it) silently raises a duress
/// warning for the network's defenders (<see cref="DuressWarnings"/>: stored, on their streams and
/// phones). It is raised after the answer is on its way, on its own scope, so nothing on her side
/// of the wire, timing included, differs.
/// </summary>
public sealed class DuressAlarm(IServiceScopeFactory scopes, IHttpContextAccessor http, ILogger<DuressAlarm> log)
{
    public Task RaiseIfAsync(SignInResult result, CancellationToken ct)
    {
        if (result.Duress) Later(result.MemberId, DuressWarnings.SignInReason);
        return Task.CompletedTask;
    }

    /// <param name="also">What else the caller announces on the same scope after the warning (her circle's alarm, say).</param>
    public void Later(Guid owner, string reason, Func<IServiceProvider, Task>? also = null)
    {
        // Started once her answer has left, so its work does not lengthen that answer.
        if (http.HttpContext is { } context)
            context.Response.OnCompleted(() =>
            {
                _ = Task.Run(() => RaiseAsync(owner, reason, also));
                return Task.CompletedTask;
            });
        else _ = Task.Run(() => RaiseAsync(owner, reason, also));
    }

    async Task RaiseAsync(Guid owner, string reason, Func<IServiceProvider, Task>? also)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DuressWarnings>().RaiseAsync(owner, reason, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError("Could not raise a duress warning: {Type}", e.GetType().Name);
        }
        try
        {
            if (also is not null) await also(scope.ServiceProvider);
        }
        catch (Exception e)
        {
            log.LogError("Could not announce a duress alarm: {Type}", e.GetType().Name);
        }
    }
}
