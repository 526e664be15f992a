namespace Kalkan.Sessions;

/// <summary>
/// A sign-in with a duress passphrase silently tells the network's defenders, on their streams,
/// that she may be under duress. Nothing on her side of the wire differs.
/// </summary>
public sealed class DuressAlarm(IServiceProvider services)
{
    public Task RaiseIfAsync(SignInResult result, CancellationToken ct)
    {
        if (!result.Duress) return Task.CompletedTask;
        foreach (var listener in services.GetServices<IDuressListener>()) listener.OnDuress(result.MemberId);
        return Task.CompletedTask;
    }
}

/// <summary>Told when a member signed in under duress (her member id). Delivery's bridge implements it.</summary>
public interface IDuressListener
{
    void OnDuress(Guid memberId);
}
