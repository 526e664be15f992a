namespace Kalkan.Documents;

/// <summary>A DevTools call that Chromium answered with an error.</summary>
public sealed class DevToolsException(string method) : Exception($"Chromium refused {method}.");

/// <summary>
/// The Chrome DevTools protocol over --remote-debugging-pipe: JSON messages, each ended by a NUL
/// byte. Calls go one at a time; events that arrive meanwhile are skipped.
/// </summary>
sealed class DevToolsPipe(Stream toBrowser, Stream fromBrowser)
{
    readonly byte[] chunk = new byte[64 * 1024];
    readonly MemoryStream pending = new();
    int scanned, next;

    public async Task<JsonElement> CallAsync(string method, object? parameters, string? session, CancellationToken ct)
    {
        var id = await WriteAsync(method, parameters, session, ct);
        while (true)
        {
            using var message = await ReadAsync(ct);
            var root = message.RootElement;
            if (!root.TryGetProperty("id", out var answered) || answered.GetInt32() != id) continue;
            if (root.TryGetProperty("error", out _)) throw new DevToolsException(method);
            return root.GetProperty("result").Clone();
        }
    }

    /// <summary>A call whose answer is not awaited (closing the browser ends the pipe before it could come).</summary>
    public async Task SendAsync(string method, CancellationToken ct) => await WriteAsync(method, null, null, ct);

    async Task<int> WriteAsync(string method, object? parameters, string? session, CancellationToken ct)
    {
        var id = ++next;
        var message = new Dictionary<string, object?> { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } };
        if (session is not null) message["sessionId"] = session;
        await toBrowser.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(message), ct);
        await toBrowser.WriteAsync(new byte[] { 0 }, ct);
        await toBrowser.FlushAsync(ct);
        return id;
    }

    async Task<JsonDocument> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var data = pending.GetBuffer();
            var end = Array.IndexOf(data, (byte)0, scanned, (int)pending.Length - scanned);
            if (end >= 0)
            {
                var message = JsonDocument.Parse(data.AsSpan(0, end).ToArray());
                var rest = (int)pending.Length - end - 1;
                Buffer.BlockCopy(data, end + 1, data, 0, rest);
                pending.SetLength(rest);
                scanned = 0;
                return message;
            }
            scanned = (int)pending.Length;
            var n = await fromBrowser.ReadAsync(chunk, ct);
            if (n == 0) throw new IOException("Chromium closed its DevTools pipe.");
            pending.Position = pending.Length;
            pending.Write(chunk, 0, n);
        }
    }
}
