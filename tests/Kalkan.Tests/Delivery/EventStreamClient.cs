using System.Threading.Channels;

namespace Kalkan.Tests.Delivery;

/// <summary>A member's open /api/v1/alerts/stream, read as EventSource would: each frame's id, event and data.</summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    public sealed record Frame(string? Id, string Event, JsonElement Data);

    readonly HttpResponseMessage response;
    readonly CancellationTokenSource stop = new();
    readonly Channel<Frame> frames = Channel.CreateUnbounded<Frame>();
    readonly Task reading;

    EventStreamClient(HttpResponseMessage response)
    {
        this.response = response;
        reading = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response => response;

    public static async Task<EventStreamClient> OpenAsync(HttpClient client, string? lastEventId = null, string path = "/api/v1/alerts/stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStreamClient(response);
    }

    async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
            string? id = null, name = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0) frames.Writer.TryWrite(new Frame(id, name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                    (id, name) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith("id: ")) id = line[4..];
                else if (line.StartsWith("event: ")) name = line[7..];
                else if (line.StartsWith("data: ")) data.Append(line[6..]);
            }
        }
        // Closed by DisposeAsync, even before the reading began (the response is then disposed already).
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException) { }
        finally
        {
            frames.Writer.TryComplete();
        }
    }

    /// <summary>The next frame named <paramref name="eventName"/>, skipping others; fails after <paramref name="within"/>.</summary>
    public async Task<Frame> NextAsync(string eventName, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var frame = await frames.Reader.ReadAsync(timeout.Token);
                if (frame.Event == eventName) return frame;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no `event: {eventName}` within {within ?? TimeSpan.FromSeconds(10)}");
        }
    }

    /// <summary>The next frame named any of <paramref name="eventNames"/>, skipping others (which of them came first is the point).</summary>
    public async Task<Frame> NextOfAsync(params string[] eventNames)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var frame = await frames.Reader.ReadAsync(timeout.Token);
            if (eventNames.Contains(frame.Event)) return frame;
        }
    }

    /// <summary>True when no frame named <paramref name="eventName"/> comes within <paramref name="within"/>.</summary>
    public async Task<bool> QuietAsync(string eventName, TimeSpan within)
    {
        try { await NextAsync(eventName, within); return false; }
        catch (TimeoutException) { return true; }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        response.Dispose();
        await reading;
    }
}
