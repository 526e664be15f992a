namespace Kalkan.Limits;

/// <summary>Counts in this process's memory: one instance on SQLite, where nothing else could count with it. Lost on restart.</summary>
public sealed class MemoryCounters(TimeProvider clock) : LimitCounters
{
    const int PruneAbove = 100_000;
    readonly Dictionary<string, (int Count, DateTimeOffset Until)> counts = [];
    readonly Lock gate = new();

    public override bool Shared => false;

    public override Task<int?> HitAsync(CountRule rule, string key, int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = IdOf(rule, key);
        lock (gate)
        {
            var (count, until) = counts.TryGetValue(id, out var live) && live.Until > now ? live : (0, now + rule.Span);
            if (count >= limit) return Task.FromResult<int?>(null);
            counts[id] = (count + 1, rule.EachHitRenews ? now + rule.Span : until);
            if (counts.Count > PruneAbove) Prune(now);
            return Task.FromResult<int?>(count + 1);
        }
    }

    public override Task<int> CountAsync(CountRule rule, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        lock (gate) return Task.FromResult(counts.TryGetValue(IdOf(rule, key), out var live) && live.Until > now ? live.Count : 0);
    }

    public override Task ForgetAsync(CountRule rule, string key, CancellationToken ct)
    {
        lock (gate) counts.Remove(IdOf(rule, key));
        return Task.CompletedTask;
    }

    void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in counts)
            if (entry.Until <= now) counts.Remove(id);
    }

    static string IdOf(CountRule rule, string key) => rule.Name + "\n" + key;
}
