using Kalkan.Limits;

namespace Kalkan.Sessions;

/// <summary>
/// Consecutive passphrase failures per handle (by blind index), forgotten after a quiet quarter of an
/// hour, counted where every instance sees them (<see cref="LimitCounters"/>): spreading guesses over
/// several instances earns no more free tries.
/// </summary>
public sealed class FailureCounter(LimitCounters counters)
{
    static readonly CountRule Failures = new("passphrase failures", TimeSpan.FromMinutes(15), EachHitRenews: true);
    const int FreeTries = 5;

    /// <summary>The failures counted so far on this key (0 after a quiet quarter of an hour).</summary>
    public Task<int> CountAsync(string key, CancellationToken ct) => counters.CountAsync(Failures, key, ct);

    /// <summary>Five free tries for typos, then 1 s, 2 s, 4 s ... capped at 30 s per attempt.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures < FreeTries ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - FreeTries)));

    // A check that has run is counted even when its caller has gone: a guesser must not save his count by hanging up.
    public Task RecordAsync(string key) => counters.AddAsync(Failures, key, CancellationToken.None);

    public Task ForgetAsync(string key) => counters.ForgetAsync(Failures, key, CancellationToken.None);
}
