using System.Data.Common;
using Kalkan.Circles;
using Kalkan.Identity.Members;
using Kalkan.Seal;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Kalkan.Tests.Circles;

/// <summary>Who may see a call is decided in the store's query, so the open-calls lists cost the same whatever the network's size.</summary>
public class OpenCallQueryTests
{
    [Theory, Stores]
    public async Task The_open_calls_a_member_attends_take_the_same_few_queries_however_many_calls_the_network_holds(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var cholponId = await IdOfAsync(kalkan, "Cholpon");
        await AnswerAsync(cholpon, await aizada.RaiseSosAsync(), "on-my-way");
        var small = await CountAsync(kalkan, cholponId);
        Assert.Equal((1, 1, 0), (small.Sos, small.Answers, small.Missed));

        // Strangers with circles of their own, their calls answered by their own friends: none of it is hers to see.
        for (var i = 0; i < 6; i++)
        {
            var (stranger, _) = await kalkan.MemberAsync(handle: $"Stranger{i}");
            var (friend, _) = await kalkan.MemberAsync(handle: $"Friend{i}");
            var invitation = await CircleTests.InviteAsync(stranger, $"Friend{i}");
            Assert.Equal(HttpStatusCode.OK, (await friend.PostAsync($"/api/v1/circle/invitations/{invitation}/accept", null)).StatusCode);
            await AnswerAsync(friend, await stranger.RaiseSosAsync(), "calling");
        }
        await AnswerAsync(cholpon, await aizada.RaiseSosAsync(), "calling");
        var large = await CountAsync(kalkan, cholponId);

        Assert.Equal((2, 2), (large.Sos, large.Answers)); // Aizada's two calls and Cholpon's answers to them, no stranger's
        Assert.Equal(small.Commands, large.Commands);
        // Open SOS: her accepted links, the calls with their answers (one join), the handles; missed
        // check-ins: her links and the check-ins (no handles to look up when none is missed).
        Assert.Equal(5, large.Commands);
    }

    static async Task AnswerAsync(HttpClient responder, Guid call, string kind) =>
        Assert.Equal(HttpStatusCode.OK, (await responder.PostAsJsonAsync($"/api/v1/sos/{call}/respond", new { kind })).StatusCode);

    static async Task<Guid> IdOfAsync(KalkanFactory kalkan, string handle)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
        var index = accounts.IndexOf(handle);
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Members.Where(m => m.HandleIndex == index).Select(m => m.Id).SingleAsync();
    }

    /// <summary>Her open SOS and missed check-in lists read through a store connection whose commands are counted.</summary>
    static async Task<(int Sos, int Answers, int Missed, int Commands)> CountAsync(KalkanFactory kalkan, Guid member)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var counter = new CommandCounter();
        await using KalkanDb db = store.IsPostgres
            ? new PostgresKalkanDb(new DbContextOptionsBuilder<PostgresKalkanDb>().UseNpgsql(store.Db).AddInterceptors(counter).Options)
            : new SqliteKalkanDb(new DbContextOptionsBuilder<SqliteKalkanDb>().UseSqlite(store.SqliteConnectionString).AddInterceptors(counter).Options);
        var seal = services.GetRequiredService<CircleSeal>();
        var accounts = new MemberAccounts(db, services.GetRequiredService<FieldCipher>(), services.GetRequiredService<BlindIndex>(), services.GetRequiredService<PassphraseHasher>(), TimeProvider.System);
        var attended = new CallsAttended(db, seal, new CircleDirectory(db, seal, accounts, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CircleDirectory>>()), TimeProvider.System, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CallsAttended>>());
        var caller = new Caller(member, Roles.Member);
        var sos = await attended.SosAsync(caller, null, own: true, default);
        var missed = await attended.MissedAsync(caller, null, default);
        return (sos.Count, sos.Sum(c => c.Responses.Count), missed.Count, counter.Count);
    }

    sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, ct);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Count);
            return base.ScalarExecutingAsync(command, eventData, result, ct);
        }
    }
}
