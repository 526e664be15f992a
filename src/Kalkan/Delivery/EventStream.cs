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
        StreamConnection connection;
        try
        {
            connection = await OpenAsync(context);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return; // gone while it opened
        }
        var body = context.Response.BodyWriter;
        connection.WritesTo(body);
        // The phone going away closes the stream at once; sealing and shutdown close it through the hub.
        using var gone = context.RequestAborted.UnsafeRegister(static c => ((StreamConnection)c!).Close(), connection);
        try
        {
            while (await connection.WaitAsync())
            {
                while (connection.TryTake(out var frame)) body.Write(frame);
                var flushed = await body.FlushAsync();
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            connection.WritesTo(null);
            hub.Remove(connection);
        }
    }

    /// <summary>
    /// Everything that opens the stream, in a method of its own: what it reads (the shared table's
    /// resume, the greetings) ends with it instead of staying in the state of a request that lasts hours.
    /// </summary>
    async Task<StreamConnection> OpenAsync(HttpContext context)
    {
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        // On PostgreSQL: what the shared table holds after her id, wherever she heard it (null on SQLite).
        var feed = context.RequestServices.GetRequiredService<Shared.EventFeed>();
        await feed.PrimeAsync(context.RequestAborted); // after a restart, the table's old events are not news to this stream
        var older = await feed.ResumeAsync(lastEventId, context.RequestAborted);
        var connection = hub.Open(listener, lastEventId, older);
        try
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["X-Accel-Buffering"] = "no"; // nginx in front must not hold frames back
            var body = context.Response.BodyWriter;
            body.Write("retry: 3000\n\n"u8);
            await GreetAsync(context.RequestServices, connection, body, context.RequestAborted);
            await body.FlushAsync(context.RequestAborted);
            return connection;
        }
        catch
        {
            hub.Remove(connection);
            throw;
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
