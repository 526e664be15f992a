using Kalkan.Limits;

namespace Kalkan.Identity.Sessions;

/// <summary>
/// Consecutive passphrase failures per handle (by blind index), forgotten after a quiet quarter of an
/// hour, counted where every instance sees them (<see cref="LimitCounters"/>): spreading guesses over
/// several instances earns no more free tries.
/// </summary>
public sealed class FailureCounter(LimitCounters counters)
{
    static readonly CountRule Failures = new("passphrase failures", TimeSpan.FromMinutes(15), EachHitRenews: true);
    const int FreeTries = 5;

    /// <summary>Five free tries for typos, then 1 s, 2 s, 4 s ... capped at 30 s per attempt.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures < FreeTries ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - FreeTries)));

    /// <summary>Counts an attempt as it starts (a guesser must not save his count by hanging up); returns the count with it.</summary>
    public Task<int> CountInAsync(string key) => counters.AddAsync(Failures, key, CancellationToken.None);

    public Task ForgetAsync(string key) => counters.ForgetAsync(Failures, key, CancellationToken.None);
}
