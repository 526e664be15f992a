using Microsoft.Data.Sqlite;

namespace Kalkan.Tests.Security;

/// <summary>
/// A restart used to sign every member out, so after a crash their phones stopped hearing their
/// circles until each typed her passphrase again. A restart is not a seal: only an admin's seal
/// ends every session. And a seized disk does not say whose session is whose.
/// </summary>
public class SessionRestartTests
{
    [Theory, Stores]
    public async Task A_members_token_still_works_after_a_restart_and_an_admins_seal_ends_it(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string member, admin;
        await using (var before = await KalkanFactory.StartAsync(store))
        {
            var (client, _) = await before.MemberAsync();
            member = client.DefaultRequestHeaders.Authorization!.Parameter!;
            admin = await before.Api().SignInAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/account")).StatusCode);
        }

        await using var after = new KalkanFactory(store);
        var api = after.Api();
        Assert.Equal("sealed", await api.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await after.Api().WithToken(member).GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await after.Api().WithToken(admin).PostAsync("/api/v1/sys/seal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.Api().WithToken(member).GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.Api().WithToken(admin).GetAsync("/api/v1/account")).StatusCode);
    }

    [Theory, Stores]
    public async Task After_a_restart_the_idle_timeout_still_ends_a_session(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string member;
        await using (var before = await KalkanFactory.StartAsync(store))
        {
            member = (await before.MemberAsync()).Client.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        // The restart itself takes longer than this idle timeout.
        await using var after = new KalkanFactory(store, new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "00:00:00.001" });
        await after.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
        Assert.Equal("ready", await after.Api().StateAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await after.Api().WithToken(member).GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task A_seized_store_does_not_link_a_session_to_its_member()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        Guid memberId;
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            memberId = (await kalkan.MemberAsync()).Id;
        }

        await using var db = new SqliteConnection($"Data Source={Path.Combine(store.DataDir, "kalkan.db")};Pooling=False");
        await db.OpenAsync();
        var columns = new List<string>();
        var cells = new List<byte[]>();
        await using (var read = db.CreateCommand())
        {
            read.CommandText = "SELECT * FROM sessions";
            await using var rows = await read.ExecuteReaderAsync();
            for (var i = 0; i < rows.FieldCount; i++) columns.Add(rows.GetName(i));
            while (await rows.ReadAsync())
                for (var i = 0; i < rows.FieldCount; i++)
                    cells.Add(rows.GetValue(i) switch { byte[] b => b, var v => System.Text.Encoding.UTF8.GetBytes(v.ToString()!) });
        }

        Assert.NotEmpty(cells);
        Assert.DoesNotContain("MemberId", columns);
        var forms = new[] { memberId.ToByteArray(), System.Text.Encoding.UTF8.GetBytes(memberId.ToString()), System.Text.Encoding.UTF8.GetBytes(memberId.ToString().ToUpperInvariant()) };
        Assert.DoesNotContain(cells, cell => forms.Any(form => cell.AsSpan().IndexOf(form) >= 0));
    }
}
