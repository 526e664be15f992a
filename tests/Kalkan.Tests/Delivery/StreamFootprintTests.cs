using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kalkan.Tests.Delivery;

/// <summary>
/// A stream stays open for hours, ten thousand of them at once: what its request used to open it
/// (the sign-in check's store context, the greetings' queries) must not stay alive with it. Each
/// such context held its change tracker, its connection and a scope of services, about 40 KiB a
/// stream (bench/README.md, fan-out).
/// </summary>
public class StreamFootprintTests
{
    [Theory, Stores]
    public async Task An_open_stream_keeps_none_of_the_store_contexts_that_opened_it(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var opened = new StreamContexts();
        await using var kalkan = new KalkanFactory(store) { AlterServices = services => Track(services, opened) };
        await kalkan.SetUpAsync();
        var (member, _) = await kalkan.MemberAsync();

        await using var stream = await EventStreamClient.OpenAsync(member); // answered once the greetings are written
        Assert.True(opened.Count >= 2, $"{opened.Count} store contexts seen opening the stream"); // the sign-in check's and the greetings'

        // On PostgreSQL the shared feed's reader may start inside the first stream's request and so
        // count as serving it; its contexts live for one read each. A context the stream holds never goes.
        await Eventually.HoldsAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Task.FromResult(opened.StillAlive == 0);
        }, TimeSpan.FromSeconds(5));
    }

    static void Track(IServiceCollection services, StreamContexts opened)
    {
        services.AddHttpContextAccessor(); // the server then keeps each request's context where the interceptor can see it
        services.ConfigureDbContext<SqliteKalkanDb>(o => o.AddInterceptors(opened));
        services.ConfigureDbContext<PostgresKalkanDb>(o => o.AddInterceptors(opened));
    }

    /// <summary>Weak references to every store context that opened a connection while serving the stream's request.</summary>
    sealed class StreamContexts : DbConnectionInterceptor
    {
        readonly IHttpContextAccessor requests = new HttpContextAccessor();
        readonly List<WeakReference<DbContext>> contexts = [];

        public int Count { get { lock (contexts) return contexts.Count; } }

        public int StillAlive { get { lock (contexts) return contexts.Count(c => c.TryGetTarget(out _)); } }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken ct = default)
        {
            Remember(eventData.Context);
            return base.ConnectionOpeningAsync(connection, eventData, result, ct);
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Remember(eventData.Context);
            return base.ConnectionOpening(connection, eventData, result);
        }

        void Remember(DbContext? context)
        {
            if (context is null || requests.HttpContext?.Request.Path != "/api/v1/alerts/stream") return;
            lock (contexts)
                if (!contexts.Any(c => c.TryGetTarget(out var known) && ReferenceEquals(known, context))) contexts.Add(new(context));
        }
    }
}
