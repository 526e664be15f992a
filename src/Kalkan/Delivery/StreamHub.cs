using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Kalkan.Delivery.Push;
using Kalkan.Delivery.Shared;

namespace Kalkan.Delivery;

/// <summary>
/// Every member's one live stream (text/event-stream) and the way features reach it.
///
/// Publishing, from any feature:
/// <code>hub.Publish("alert", alertDto, Audience.Everyone, push: true);
/// hub.Publish("sos", new { id }, Audience.Members(circle).Or(Audience.Roles("defender", "admin")));</code>
/// The payload is serialized once (JSON, camelCase, nulls left out) into one SSE frame
/// (`id:`, `event:`, `data:`) and that same byte array is queued to every open stream whose member
/// or role the audience includes. With push: true, the audience's installed phones also get a
/// Web Push carrying only the neutral text of Push:Title/Push:Body: details stay inside the app.
/// Event ids grow across restarts (they start from the boot time), so a phone that reconnects with
/// Last-Event-ID gets what it missed from memory, or `event: resync` when that is gone (reload the list).
/// Delivery knows nothing of what the events mean.
/// On PostgreSQL (several instances, docs/decisions/1600) an event is not numbered here: it goes to
/// the shared table, and every instance's <see cref="EventFeed"/> hands it back through
/// <see cref="Deliver"/> with the table's id, so all instances number and order events alike.
/// </summary>
public sealed class StreamHub : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    static readonly byte[] HeartbeatFrame = ": ♥\n\n"u8.ToArray();

    readonly ConcurrentDictionary<StreamConnection, byte> open = new();
    readonly Lock replayGate = new();
    readonly Queue<(long Id, Audience Audience, byte[] Frame)> replay = new();
    readonly DeliveryOptions options;
    readonly PushQueue push;
    readonly EventOutbox outbox;
    readonly ITimer heartbeat;
    long lastId;

    public StreamHub(IOptions<DeliveryOptions> options, PushQueue push, SealState seal, EventOutbox outbox, TimeProvider clock, IHostApplicationLifetime lifetime)
    {
        this.options = options.Value;
        this.push = push;
        this.outbox = outbox;
        // Shared ids come from the table's sequence; a lone instance numbers from its boot time.
        lastId = outbox.Shared ? 0 : clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        heartbeat = clock.CreateTimer(_ => Broadcast(HeartbeatFrame, Audience.Everyone), null, this.options.Heartbeat, this.options.Heartbeat);
        // A sealed server has ended every session: the streams opened under them end too.
        seal.Sealed += CloseAll;
        // Once for all streams, rather than a registration on the stopping token held by each of them.
        lifetime.ApplicationStopping.Register(CloseAll);
    }

    public int OpenStreams => open.Count;

    public void Publish(string eventName, object payload, Audience audience, bool push = false)
    {
        if (eventName.AsSpan().IndexOfAny('\n', '\r') >= 0) throw new ArgumentException("An event name is one line.", nameof(eventName));
        if (outbox.Shared)
        {
            outbox.Enqueue([new OutgoingEvent(eventName, JsonSerializer.Serialize(payload, Json), audience)]);
            if (push) this.push.Enqueue(audience);
            return;
        }
        byte[] frame;
        lock (replayGate)
        {
            // Numbering and queueing under one lock, so every stream sees events in id order.
            var id = ++lastId;
            frame = Frame(id, eventName, JsonSerializer.Serialize(payload, Json));
            replay.Enqueue((id, audience, frame));
            while (replay.Count > options.ReplayEvents) replay.Dequeue();
            Broadcast(frame, audience);
        }
        if (push) this.push.Enqueue(audience);
    }

    /// <summary>
    /// Many events of one name at once (thousands of check-ins falling due together): numbered and
    /// kept for resume one by one, but each stream is handed what it may hear of them as one
    /// buffer, one item of its queue. A burst then neither fills a stream's queue nor costs a
    /// queue item and a wake-up per event, and a phone still reads one `event:` per event. Push
    /// sends one round for the batch to everyone in any of its audiences.
    /// </summary>
    public void PublishBatch(string eventName, IReadOnlyList<(object Payload, Audience Audience)> events, bool push = false)
    {
        if (events.Count == 0) return;
        if (eventName.AsSpan().IndexOfAny('\n', '\r') >= 0) throw new ArgumentException("An event name is one line.", nameof(eventName));
        if (outbox.Shared)
        {
            outbox.Enqueue([.. events.Select(e => new OutgoingEvent(eventName, JsonSerializer.Serialize(e.Payload, Json), e.Audience))]);
            if (push) this.push.Enqueue(Audience.AnyOf(events.Select(e => e.Audience)));
            return;
        }
        // The same audience instance for many events (one member's circle) is matched once per stream.
        var index = new Dictionary<Audience, int>();
        var audienceOf = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
            if (!index.TryGetValue(events[i].Audience, out audienceOf[i])) index[events[i].Audience] = audienceOf[i] = index.Count;
        var audiences = index.OrderBy(a => a.Value).Select(a => a.Key).ToList();
        lock (replayGate)
        {
            var frames = new byte[events.Count][];
            for (var i = 0; i < events.Count; i++)
            {
                var id = ++lastId;
                frames[i] = Frame(id, eventName, JsonSerializer.Serialize(events[i].Payload, Json));
                replay.Enqueue((id, events[i].Audience, frames[i]));
            }
            while (replay.Count > options.ReplayEvents) replay.Dequeue();
            var batch = new FrameBatch(frames, audienceOf, audiences.Count);
            foreach (var connection in open.Keys)
                if (batch.For(audiences, connection) is { } buffer && !connection.TryWrite(buffer))
                    connection.Close();
        }
        if (push) this.push.Enqueue(Audience.AnyOf(audiences));
    }

    /// <summary>The payload as the frame carries it (for events written to the shared table in a transaction).</summary>
    internal static string JsonOf(object payload) => JsonSerializer.Serialize(payload, Json);

    /// <summary>The newest event this instance has delivered (on PostgreSQL: the shared table's id).</summary>
    internal long LastId
    {
        get { lock (replayGate) return lastId; }
    }

    /// <summary>
    /// Events read back from the shared table, in id order, delivered as if published here: each kept
    /// for resume and, together, one buffer per stream (a burst of timers is one queue item). Ids
    /// already delivered are skipped, so reading a range twice is harmless.
    /// </summary>
    internal void Deliver(IReadOnlyList<SharedEvent> events) => Take(events, live: true);

    /// <summary>
    /// Events that were in the shared table before this instance could hear them (a restart, an unseal):
    /// kept for a phone that resumes, never handed to open streams as news.
    /// </summary>
    internal void Remember(IReadOnlyList<SharedEvent> events) => Take(events, live: false);

    /// <summary>Moves the hub's position on without events (the table's rows before it are gone or not needed).</summary>
    internal void SkipTo(long id)
    {
        lock (replayGate) lastId = Math.Max(lastId, id);
    }

    void Take(IReadOnlyList<SharedEvent> events, bool live)
    {
        lock (replayGate)
        {
            var fresh = events.Where(e => e.Id > lastId).ToList();
            if (fresh.Count == 0) return;
            var index = new Dictionary<Audience, int>();
            var audienceOf = new int[fresh.Count];
            var frames = new byte[fresh.Count][];
            for (var i = 0; i < fresh.Count; i++)
            {
                if (!index.TryGetValue(fresh[i].Audience, out audienceOf[i])) index[fresh[i].Audience] = audienceOf[i] = index.Count;
                frames[i] = Frame(fresh[i].Id, fresh[i].Name, fresh[i].Json);
                replay.Enqueue((fresh[i].Id, fresh[i].Audience, frames[i]));
                lastId = fresh[i].Id;
            }
            while (replay.Count > options.ReplayEvents) replay.Dequeue();
            if (!live) return;
            var audiences = index.OrderBy(a => a.Value).Select(a => a.Key).ToList();
            var batch = new FrameBatch(frames, audienceOf, audiences.Count);
            foreach (var connection in open.Keys)
                if (batch.For(audiences, connection) is { } buffer && !connection.TryWrite(buffer))
                    connection.Close();
        }
    }

    /// <summary>A frame for one stream only, outside the numbered sequence: without an id, so the phone's Last-Event-ID stays as it was.</summary>
    internal static byte[] UnnumberedFrame(string eventName, object payload) =>
        Encoding.UTF8.GetBytes($"event: {eventName}\ndata: {JsonSerializer.Serialize(payload, Json)}\n\n");

    static byte[] Frame(long id, string eventName, string json) =>
        // JSON never holds a raw newline, so one data: line carries it.
        Encoding.UTF8.GetBytes($"id: {id}\nevent: {eventName}\ndata: {json}\n\n");

    void Broadcast(byte[] frame, Audience audience)
    {
        foreach (var connection in open.Keys)
            if (audience.Includes(connection.MemberId, connection.Role) && !connection.TryWrite(frame))
                connection.Close(); // too slow to keep up: it reconnects and resumes from its last id
    }

    /// <summary>Registers a stream and queues what it missed since <paramref name="lastEventId"/> (or resync).</summary>
    /// <param name="older">On PostgreSQL, what the shared table still holds after <paramref name="lastEventId"/>: it
    /// reaches back further than this instance's memory, and covers events delivered by another instance.</param>
    internal StreamConnection Open(Listener listener, string? lastEventId, TableResume? older = null)
    {
        var (memberId, role) = (listener.MemberId, listener.Role);
        var connection = new StreamConnection(listener, options.QueuePerConnection);
        lock (replayGate)
        {
            open.TryAdd(connection, 0);
            if (lastEventId is { Length: > 0 })
            {
                // The newest id before what memory still holds: resuming after it needs nothing older.
                var floor = replay.Count == 0 ? lastId : replay.Peek().Id - 1;
                var parsed = long.TryParse(lastEventId, out var last);
                var fromTable = parsed && older is { Covered: true } && older.ReadUpTo >= floor && last < floor;
                var known = parsed && last <= lastId && (last >= floor || fromTable);
                if (!known) connection.TryWrite(Frame(lastId, "resync", "{}"));
                else
                {
                    // Everything missed as one buffer, one queue item: a long absence does not overflow the queue.
                    var missed = new ArrayBufferWriter<byte>();
                    var since = last;
                    if (fromTable)
                        foreach (var e in older!.Events)
                            if (e.Id > last && e.Id <= floor && e.Audience.Includes(memberId, role))
                                missed.Write(Frame(since = e.Id, e.Name, e.Json));
                    since = Math.Max(since, Math.Min(floor, lastId));
                    foreach (var (id, audience, frame) in replay)
                        if (id > since && audience.Includes(memberId, role)) missed.Write(frame);
                    if (missed.WrittenCount > 0) connection.TryWrite(missed.WrittenSpan.ToArray());
                }
            }
        }
        return connection;
    }

    internal void Remove(StreamConnection connection)
    {
        open.TryRemove(connection, out _);
        connection.Close();
    }

    internal ICollection<StreamConnection> Streams => open.Keys;

    void CloseAll()
    {
        foreach (var connection in open.Keys) connection.Close();
    }

    public void Dispose()
    {
        heartbeat.Dispose();
        CloseAll();
    }
}
