using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kalkan.Bench;

/// <summary>
/// The same thin subscriber for both servers: a raw socket and one receive loop each, counting
/// messages as they arrive and stamping when the n-th came. For SSE it writes the GET by hand and
/// counts `event: alert` lines; for MQTT it writes CONNECT and SUBSCRIBE (3.1.1, QoS 0) by hand and
/// counts PUBLISH packets. Nothing is parsed beyond that, so the figures measure the servers.
/// </summary>
sealed class LightClient(Socket socket, bool mqtt)
{
    static readonly byte[] SseMarker = "event: alert\n"u8.ToArray();
    readonly long[] stamps = new long[256];
    int count;

    public int Count => Volatile.Read(ref count);
    public long StampOf(int n) => Volatile.Read(ref stamps[n]);

    public static async Task<LightClient> SseAsync(IPEndPoint server, string token)
    {
        var socket = await ConnectAsync(server);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/v1/alerts/stream HTTP/1.1\r\nHost: {server}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"));
        return new LightClient(socket, mqtt: false);
    }

    public static async Task<LightClient> MqttAsync(IPEndPoint broker, string clientId, string topic)
    {
        var socket = await ConnectAsync(broker);
        await socket.SendAsync(Connect(clientId));
        var topicBytes = Encoding.ASCII.GetBytes(topic);
        byte[] subscribe = [0x82, (byte)(2 + 2 + topicBytes.Length + 1), 0, 1, 0, (byte)topicBytes.Length, .. topicBytes, 0];
        await socket.SendAsync(subscribe);
        return new LightClient(socket, mqtt: true);
    }

    public static byte[] Connect(string clientId)
    {
        var id = Encoding.ASCII.GetBytes(clientId);
        // Keep-alive 0: the broker must not drop quiet subscribers while thousands of others connect.
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0, 0, (byte)id.Length, .. id];
        return [0x10, (byte)variable.Length, .. variable];
    }

    /// <summary>PUBLISH, QoS 0, with a remaining length of up to two bytes.</summary>
    public static byte[] Publish(string topic, byte[] payload)
    {
        var t = Encoding.ASCII.GetBytes(topic);
        var length = 2 + t.Length + payload.Length;
        byte[] remaining = length < 128 ? [(byte)length] : [(byte)(length % 128 | 0x80), (byte)(length / 128)];
        return [0x30, .. remaining, 0, (byte)t.Length, .. t, .. payload];
    }

    static async Task<Socket> ConnectAsync(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server);
        return socket;
    }

    /// <summary>The one receive loop: counts messages until the socket closes.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var matched = 0;          // SSE: bytes of the marker matched so far, across reads
            var skip = 0L;            // MQTT: bytes of the current packet still to skip
            var header = new List<byte>(5); // MQTT: fixed header being read
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                if (n == 0) return;
                var now = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    var b = buffer[i];
                    if (!mqtt)
                    {
                        matched = b == SseMarker[matched] ? matched + 1 : b == SseMarker[0] ? 1 : 0;
                        if (matched == SseMarker.Length) { Arrived(now); matched = 0; }
                        continue;
                    }
                    if (skip > 0) { var take = (int)Math.Min(skip, n - i); skip -= take; i += take - 1; continue; }
                    header.Add(b);
                    if (header.Count == 1 || (header[^1] & 0x80) != 0) continue;
                    long length = 0, multiplier = 1;
                    for (var h = 1; h < header.Count; h++) { length += (header[h] & 0x7F) * multiplier; multiplier *= 128; }
                    if (header[0] >> 4 == 3) Arrived(now);
                    skip = length;
                    header.Clear();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    void Arrived(long now)
    {
        var n = Interlocked.Increment(ref count);
        if (n < stamps.Length) Volatile.Write(ref stamps[n], now);
    }

    public void Close() => socket.Dispose();
}
