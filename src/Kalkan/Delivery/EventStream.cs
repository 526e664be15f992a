using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Kalkan.Delivery;

/// <summary>
/// The answer of a stream endpoint: text/event-stream, held open, each queued frame written as is.
/// Several frames queued at once go out in one flush.
/// </summary>
public sealed class EventStream(StreamHub hub, Listener listener) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        // On PostgreSQL: what the shared table holds after her id, wherever she heard it (null on SQLite).
        var feed = context.RequestServices.GetRequiredService<Shared.EventFeed>();
        await feed.PrimeAsync(context.RequestAborted); // after a restart, the table's old events are not news to this stream
        var older = await feed.ResumeAsync(lastEventId, context.RequestAborted);
        var connection = hub.Open(listener.MemberId, listener.Role, listener.SessionId, lastEventId, older);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, connection.Closed, stopping);
        try
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["X-Accel-Buffering"] = "no"; // nginx in front must not hold frames back
            var body = context.Response.BodyWriter;
            body.Write("retry: 3000\n\n"u8);
            await GreetAsync(context.RequestServices, connection, body, done.Token);
            await body.FlushAsync(done.Token);
            var reader = connection.Queue.Reader;
            while (await reader.WaitToReadAsync(done.Token))
            {
                while (reader.TryRead(out var frame)) body.Write(frame);
                var flushed = await body.FlushAsync(done.Token);
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            hub.Remove(connection);
        }
    }

    /// <summary>
    /// What is still open for her (an SOS, a missed check-in), from features that keep such state: a
    /// phone that connects after the event was sent still hears it. The greetings read the store in a
    /// scope of their own that ends here: a stream stays open for hours, and a store context held by
    /// its request (or by this method's state, were it inline) would be held as long.
    /// </summary>
    static async Task GreetAsync(IServiceProvider services, StreamConnection connection, PipeWriter body, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        foreach (var greeting in scope.ServiceProvider.GetServices<IStreamGreeting>())
            foreach (var (eventName, payload) in await greeting.StillOpenAsync(connection.MemberId, connection.Role, ct))
                body.Write(StreamHub.UnnumberedFrame(eventName, payload));
    }
}
