namespace Kalkan.Delivery;

/// <summary>
/// A stream is authorised once, when it opens; it must not outlive its session. A phone taken
/// from a member whose defender revoked her, or who signed out elsewhere, stops receiving within
/// Delivery:SessionCheck. One query per round for all distinct sessions, in chunks.
/// </summary>
sealed class StreamSessionCheck(StreamHub hub, IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider clock,
    ILogger<StreamSessionCheck> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SessionCheck, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Stream session check failed: {Type}", e.GetType().Name);
            }
        }
    }

    async Task CheckAsync(CancellationToken ct)
    {
        var streams = hub.Streams.ToList();
        if (streams.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var now = clock.GetUtcNow();
        var alive = new HashSet<Guid>();
        foreach (var chunk in streams.Select(s => s.SessionId).Distinct().Chunk(500))
            alive.UnionWith(await db.Sessions.Where(s => chunk.Contains(s.Id) && s.ExpiresAt > now && s.LockedAt == null).Select(s => s.Id).ToListAsync(ct));
        // A session row no longer names its member: revoked members are found from the streams' side.
        var revoked = new HashSet<Guid>();
        foreach (var chunk in streams.Select(s => s.MemberId).Distinct().Chunk(500))
            revoked.UnionWith(await db.Members.Where(m => chunk.Contains(m.Id) && m.RevokedAt != null).Select(m => m.Id).ToListAsync(ct));
        foreach (var stream in streams.Where(s => !alive.Contains(s.SessionId) || revoked.Contains(s.MemberId))) hub.Remove(stream);
    }
}
