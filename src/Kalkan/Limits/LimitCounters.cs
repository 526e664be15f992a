namespace Kalkan.Limits;

/// <summary>
/// How one limit counts: its name (part of every key, so two limits never share a count), how long a
/// count lives, and whether each hit starts that time again (a slowdown forgotten after a quiet spell)
/// or not (a window that opens at the first hit).
/// </summary>
public sealed record CountRule(string Name, TimeSpan Span, bool EachHitRenews = false);

/// <summary>
/// The counts behind the limits that must hold for the whole network: a handle's guessing slowdown,
/// a member's reports per hour. One instance on SQLite counts in memory (<see cref="MemoryCounters"/>);
/// several on one PostgreSQL count in one shared table (<see cref="StoreCounters"/>, decision 1603),
/// so a limit is the same whichever instance a request reaches. Both count alike: a count lives
/// <see cref="CountRule.Span"/> from its first hit (from its last, for a rule that renews).
/// </summary>
public abstract class LimitCounters
{
    /// <summary>True when every instance counts here (PostgreSQL); false for one instance's memory.</summary>
    public abstract bool Shared { get; }

    /// <summary>Counts one hit unless the live count has reached <paramref name="limit"/> (at least 1): the count after it, or null when refused.</summary>
    public abstract Task<int?> HitAsync(CountRule rule, string key, int limit, CancellationToken ct);

    /// <summary>The live count: 0 when there is none or it has expired.</summary>
    public abstract Task<int> CountAsync(CountRule rule, string key, CancellationToken ct);

    public abstract Task ForgetAsync(CountRule rule, string key, CancellationToken ct);

    /// <summary>A permit, when fewer than <paramref name="limit"/> were taken in the rule's window; a refusal spends nothing.</summary>
    public async Task<bool> TryTakeAsync(CountRule rule, string key, int limit, CancellationToken ct) =>
        await HitAsync(rule, key, limit, ct) is not null;

    /// <summary>Counts one more, with no limit (a failure toward a slowdown).</summary>
    public async Task<int> AddAsync(CountRule rule, string key, CancellationToken ct) =>
        await HitAsync(rule, key, int.MaxValue, ct) ?? int.MaxValue;
}
