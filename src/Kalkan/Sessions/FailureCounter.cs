using System.Collections.Concurrent;

namespace Kalkan.Sessions;

/// <summary>Consecutive sign-in failures per handle (by blind index), forgotten after a quiet quarter of an hour.</summary>
public sealed class FailureCounter(TimeProvider clock)
{
    readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Last)> counts = new();
    static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(15);

    public TimeSpan DelayFor(string key)
    {
        if (!counts.TryGetValue(key, out var entry) || clock.GetUtcNow() - entry.Last > Forgotten) return TimeSpan.Zero;
        // Five free tries for typos, then 1 s, 2 s, 4 s ... capped at 30 s per attempt.
        return entry.Count < 5 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, entry.Count - 5)));
    }

    public void Record(string key)
    {
        var now = clock.GetUtcNow();
        counts.AddOrUpdate(key, (1, now), (_, e) => (now - e.Last > Forgotten ? 1 : e.Count + 1, now));
        if (counts.Count > 100_000) Prune(now);
    }

    public void Forget(string key) => counts.TryRemove(key, out _);

    void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in counts)
            if (now - entry.Last > Forgotten) counts.TryRemove(key, out _);
    }
}
