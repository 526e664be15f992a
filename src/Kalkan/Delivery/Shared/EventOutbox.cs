using System.Threading.Channels;

namespace Kalkan.Delivery.Shared;

/// <summary>One event on its way to the shared table: its name, its payload already as JSON, who may hear it.</summary>
sealed record OutgoingEvent(string Name, string Json, Audience Audience);

/// <summary>
/// Whether this instance shares its events with others (on PostgreSQL), and the queue of events
/// waiting to be written to the shared table. On SQLite nothing is shared: the hub numbers and
/// delivers its events itself, as it always has.
/// </summary>
public sealed class EventOutbox(IOptions<StoreOptions> store)
{
    readonly Channel<IReadOnlyList<OutgoingEvent>> queue = Channel.CreateUnbounded<IReadOnlyList<OutgoingEvent>>(new() { SingleReader = true });

    public bool Shared { get; } = store.Value.IsPostgres;

    internal void Enqueue(IReadOnlyList<OutgoingEvent> events) => queue.Writer.TryWrite(events);

    internal ChannelReader<IReadOnlyList<OutgoingEvent>> Reader => queue.Reader;
}
