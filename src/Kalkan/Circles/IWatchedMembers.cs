namespace Kalkan.Circles;

/// <summary>
/// A feature that keeps members under watch (the retaliation watch of cases) answers whether one is:
/// her check-in page then suggests a daily check-in, and the circles she leads are told the watch is on.
/// Registered as scoped; none registered means nobody is watched.
/// </summary>
public interface IWatchedMembers
{
    Task<bool> IsWatchedAsync(Guid member, CancellationToken ct);
}
