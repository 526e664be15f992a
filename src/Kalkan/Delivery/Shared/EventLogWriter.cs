using Kalkan.Seal;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// Writes the events this instance publishes (an alert, a confirmation, an SOS) to the shared
/// table, everything queued since the last write in one transaction. Events cannot be sealed while
/// the server is sealed; then every stream is closed anyway, and those few are dropped (counted in
/// the log, never described). A write that fails is retried until it succeeds or the server stops.
/// </summary>
sealed class EventLogWriter(EventOutbox outbox, EventLog log, EventFeed feed, SealState seal, ILogger<EventLogWriter> logger) : BackgroundService
{
    const int MostAtOnce = 5000;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!outbox.Shared) return;
        await feed.TableReady.WaitAsync(stop);
        var reader = outbox.Reader;
        while (await reader.WaitToReadAsync(stop))
        {
            var events = new List<OutgoingEvent>();
            while (events.Count < MostAtOnce && reader.TryRead(out var some)) events.AddRange(some);
            while (!stop.IsCancellationRequested)
            {
                if (seal.Status != SealStatus.Ready)
                {
                    logger.LogWarning("Dropped {Count} stream events published while sealed", events.Count);
                    break;
                }
                try
                {
                    await using var connection = await log.Source.OpenConnectionAsync(stop);
                    await using var transaction = await connection.BeginTransactionAsync(stop);
                    await log.AppendAsync(connection, transaction, events, stop);
                    await transaction.CommitAsync(stop);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Writing stream events failed, retrying: {Type}", e.GetType().Name);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
                }
            }
        }
    }
}
