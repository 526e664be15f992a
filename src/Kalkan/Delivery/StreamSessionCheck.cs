namespace Kalkan.Delivery;

/// <summary>
/// A stream is authorised once, when it opens; it must not outlive its session. A phone taken
/// from a member whose defender revoked her, or who signed out elsewhere, stops receiving within
/// Delivery:SessionCheck. The identity side answers for all distinct sessions and members at once (<see cref="IListenerDirectory"/>).
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
        var listeners = scope.ServiceProvider.GetRequiredService<IListenerDirectory>();
        var alive = await listeners.LiveSessionsAsync([.. streams.Select(s => s.SessionId).Distinct()], ct);
        // A session row no longer names its member: revoked members are found from the streams' side.
        var revoked = await listeners.RevokedAsync([.. streams.Select(s => s.MemberId).Distinct()], ct);
        foreach (var stream in streams.Where(s => !alive.Contains(s.SessionId) || revoked.Contains(s.MemberId))) hub.Remove(stream);
    }
}
