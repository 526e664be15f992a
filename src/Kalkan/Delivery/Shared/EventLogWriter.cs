using Npgsql;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// Writes the events this instance publishes (an alert, a confirmation, an SOS) to the shared
/// table, everything queued since the last write in one transaction, on one connection kept open
/// between writes (opening one per report would add its latency to every event). Events cannot be
/// sealed while the server is sealed; then every stream is closed anyway, and those few are dropped
/// (counted in the log, never described). A write that fails is retried until it succeeds or the server stops.
/// </summary>
sealed class EventLogWriter(EventOutbox outbox, EventLog log, EventFeed feed, SealState seal, ILogger<EventLogWriter> logger) : BackgroundService
{
    const int MostAtOnce = 5000;
    NpgsqlConnection? connection;

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
                    connection ??= await log.Source.OpenConnectionAsync(stop);
                    await using var transaction = await connection.BeginTransactionAsync(stop);
                    await log.AppendAsync(connection, transaction, events, stop);
                    await transaction.CommitAsync(stop);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Writing stream events failed, retrying: {Type}", e.GetType().Name);
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
                }
            }
        }
    }

    public override void Dispose()
    {
        connection?.Dispose();
        base.Dispose();
    }
}
