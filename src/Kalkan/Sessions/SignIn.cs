using System.Collections.Concurrent;
using Kalkan.Members;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Sessions;

/// <summary>
/// Checks a handle and passphrase. A wrong handle and a wrong passphrase cost the same and answer
/// the same. Repeated failures on one handle are slowed, never locked, so an attacker cannot lock
/// the real owner out (ASVS 6.3.1); the counters live in memory, keyed by the blind index.
/// </summary>
public sealed class SignIn(KalkanDb db, MemberAccounts members, PassphraseHasher hasher, FailureCounter failures)
{
    public async Task<Member?> CheckAsync(string handle, string passphrase, CancellationToken ct)
    {
        var index = members.IndexOf(handle);
        var key = Convert.ToHexString(index);
        await Task.Delay(failures.DelayFor(key), ct);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.HandleIndex == index, ct);
        var ok = member is null ? hasher.VerifyDecoy(passphrase) : hasher.Verify(passphrase, member.PassphraseHash);
        if (ok) failures.Forget(key);
        else failures.Record(key);
        return ok ? member : null;
    }
}

/// <summary>Consecutive failures per key, forgotten after a quiet quarter of an hour.</summary>
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
