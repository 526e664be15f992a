using System.Data.Common;
using Kalkan.Circles;
using Kalkan.Members;
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
        var aizada = (await CircleTests.CircleAsync(kalkan)).Aizada;
        var cholponId = await IdOfAsync(kalkan, "Cholpon");
        await SosAsync(aizada);
        var small = await CountAsync(kalkan, cholponId);
        Assert.Equal((1, 0), (small.Sos, small.Missed));

        for (var i = 0; i < 6; i++)
        {
            var (stranger, _) = await kalkan.MemberAsync();
            await SosAsync(stranger);
        }
        await SosAsync(aizada);
        var large = await CountAsync(kalkan, cholponId);

        Assert.Equal(2, large.Sos); // Aizada's two, none of the strangers'
        Assert.Equal(small.Commands, large.Commands);
        Assert.True(large.Commands <= 6, $"{large.Commands} queries");
    }

    static async Task SosAsync(HttpClient member) =>
        Assert.Equal(System.Net.HttpStatusCode.Created, (await member.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59 })).StatusCode);

    static async Task<Guid> IdOfAsync(KalkanFactory kalkan, string handle)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
        var index = accounts.IndexOf(handle);
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Members.Where(m => m.HandleIndex == index).Select(m => m.Id).SingleAsync();
    }

    /// <summary>Her open SOS and missed check-in lists read through a store connection whose commands are counted.</summary>
    static async Task<(int Sos, int Missed, int Commands)> CountAsync(KalkanFactory kalkan, Guid member)
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
        var attended = new CallsAttended(db, seal, new CircleDirectory(db, seal, accounts), TimeProvider.System);
        var caller = new Caller(member, Roles.Member);
        var sos = await attended.SosAsync(caller, null, own: true, default);
        var missed = await attended.MissedAsync(caller, null, default);
        return (sos.Count, missed.Count, counter.Count);
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
