using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
            alive.UnionWith(await db.Sessions.Where(s => chunk.Contains(s.Id) && s.ExpiresAt > now && s.LockedAt == null)
                .Join(db.Members.Where(m => m.RevokedAt == null), s => s.MemberId, m => m.Id, (s, m) => s.Id).ToListAsync(ct));
        foreach (var stream in streams.Where(s => !alive.Contains(s.SessionId))) hub.Remove(stream);
    }
}
