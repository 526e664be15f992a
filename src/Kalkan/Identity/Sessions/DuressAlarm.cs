using Kalkan.Background;
using Kalkan.Identity.Members;

namespace Kalkan.Identity.Sessions;

/// <summary>
/// A sign-in with a duress passphrase (or a check-in marked done with it) silently raises a duress
/// warning for the network's defenders (<see cref="DuressWarnings"/>: stored, on their streams and
/// phones). It is raised after the answer is on its way, on its own scope, so nothing on her side
/// of the wire, timing included, differs.
/// </summary>
public sealed class DuressAlarm(BackgroundQueue queue, IHttpContextAccessor http)
{
    public Task RaiseIfAsync(SignInResult result, CancellationToken ct)
    {
        if (result.Duress) Later(result.MemberId, DuressWarnings.SignInReason);
        return Task.CompletedTask;
    }

    /// <param name="also">What else the caller announces after the warning (her circle's alarm, say), as a job of its own: one failing does not stop the other.</param>
    public void Later(Guid owner, string reason, Func<IServiceProvider, Task>? also = null)
    {
        // Queued once her answer has left, so its work does not lengthen that answer.
        if (http.HttpContext is { } context)
            context.Response.OnCompleted(() =>
            {
                Queue(owner, reason, also);
                return Task.CompletedTask;
            });
        else Queue(owner, reason, also);
    }

    void Queue(Guid owner, string reason, Func<IServiceProvider, Task>? also)
    {
        queue.Enqueue("duress warning", (services, _) => services.GetRequiredService<DuressWarnings>().RaiseAsync(owner, reason, CancellationToken.None));
        if (also is not null) queue.Enqueue("duress alarm", (services, _) => also(services));
    }
}
