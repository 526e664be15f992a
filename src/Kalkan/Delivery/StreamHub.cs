using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kalkan.Delivery.Push;
using Kalkan.Seal;
using Microsoft.Extensions.Options;

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
    readonly ITimer heartbeat;
    long lastId;

    public StreamHub(IOptions<DeliveryOptions> options, PushQueue push, SealState seal, TimeProvider clock)
    {
        this.options = options.Value;
        this.push = push;
        lastId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        heartbeat = clock.CreateTimer(_ => Broadcast(HeartbeatFrame, Audience.Everyone), null, this.options.Heartbeat, this.options.Heartbeat);
        // A sealed server has ended every session: the streams opened under them end too.
        seal.Sealed += CloseAll;
    }

    public int OpenStreams => open.Count;

    public void Publish(string eventName, object payload, Audience audience, bool push = false)
    {
        if (eventName.AsSpan().IndexOfAny('\n', '\r') >= 0) throw new ArgumentException("An event name is one line.", nameof(eventName));
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
                if (batch.For(audiences, connection) is { } buffer && !connection.Queue.Writer.TryWrite(buffer))
                    connection.Close();
        }
        if (push) this.push.Enqueue(audiences.Count == 1 ? audiences[0] : Audience.AnyOf(audiences));
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
            if (audience.Includes(connection.MemberId, connection.Role) && !connection.Queue.Writer.TryWrite(frame))
                connection.Close(); // too slow to keep up: it reconnects and resumes from its last id
    }

    /// <summary>Registers a stream and queues what it missed since <paramref name="lastEventId"/> (or resync).</summary>
    internal StreamConnection Open(Guid memberId, string role, Guid sessionId, string? lastEventId)
    {
        var connection = new StreamConnection(memberId, role, sessionId, options.QueuePerConnection);
        lock (replayGate)
        {
            open.TryAdd(connection, 0);
            if (lastEventId is { Length: > 0 })
            {
                var known = long.TryParse(lastEventId, out var last) && last <= lastId &&
                            (replay.Count == 0 ? last == lastId : last >= replay.Peek().Id - 1);
                if (!known) connection.Queue.Writer.TryWrite(Frame(lastId, "resync", "{}"));
                else
                    foreach (var (id, audience, frame) in replay)
                        if (id > last && audience.Includes(memberId, role)) connection.Queue.Writer.TryWrite(frame);
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
