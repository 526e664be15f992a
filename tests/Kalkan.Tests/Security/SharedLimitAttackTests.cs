using Npgsql;

namespace Kalkan.Tests.Security;

/// <summary>
/// An attacker behind a round-robin proxy spreads his attempts over the instances, hoping each
/// counts only what it sees: guesses at a handle's passphrase, false alerts past the hourly limit,
/// calls past a member's window. On PostgreSQL every instance counts in the one shared store, so the limit is the network's.
/// </summary>
[Collection(TimingSensitive.Name)]
public class SharedLimitAttackTests
{
    static int place;

    /// <summary>A raid a kilometre from the last: reports at one spot would merge into one alert.</summary>
    static object Raid => new { kind = "raid", lat = 42.80 + 0.01 * Interlocked.Increment(ref place), lon = 74.5698 };

    [PostgresFact]
    public async Task Five_wrong_guesses_on_one_instance_slow_the_next_guess_on_another()
    {
        await using var kalkan = await TwoInstances.StartAsync();
        await kalkan.First.MemberAsync(handle: "Aizada");
        var (one, two) = (kalkan.First.Api(), kalkan.Second.Api());

        // Her five free tries, all spent on the first instance.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Guess(one, "guess number " + i)).StatusCode);

        // The sixth and seventh land on the second, which saw none of them: they wait 1 s, then 2 s.
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Guess(two, "guess number 5")).StatusCode);
        var sixth = clock.Elapsed;
        clock.Restart();
        var owner = await two.PostAsJsonAsync("/api/v1/session", new { handle = "Aizada", passphrase = Scenario.MemberPassphrase });
        var seventh = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode); // slowed, never locked out

        // Another handle on the same instance at the same moment is not slowed (no absolute bound: a loaded machine takes seconds for one Argon2id).
        clock.Restart();
        await two.SignInAsync();
        var other = clock.Elapsed;
        Assert.True(sixth > other + TimeSpan.FromSeconds(0.5), $"the sixth guess was not slowed: {sixth}, against another handle's {other}");
        Assert.True(seventh > other + TimeSpan.FromSeconds(1), $"the seventh was not slowed further: {seventh}, against another handle's {other}");
    }

    [PostgresFact]
    public async Task Reports_past_the_hourly_limit_split_over_two_instances_are_refused_on_both()
    {
        await using var kalkan = await TwoInstances.StartAsync(new Dictionary<string, string?> { ["Alerts:ReportsPerHour"] = "3" });
        var (flooder, flooderThere, flooderId) = await kalkan.MemberOnBothAsync();
        var (aizada, _) = await kalkan.First.MemberAsync();

        Assert.Equal(HttpStatusCode.Created, (await flooder.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await flooderThere.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await flooder.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooderThere.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);

        // Another member is untouched, and the refused reports stored nothing.
        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
        Assert.Equal(4, (await aizada.GetFromJsonAsync<List<object>>("/api/v1/alerts"))!.Count);
        await CountsNameNoOneAsync(kalkan.Store, flooderId);
    }

    [PostgresFact]
    public async Task Simultaneous_reports_on_two_instances_get_exactly_the_hourly_limit_between_them()
    {
        await using var kalkan = await TwoInstances.StartAsync(new Dictionary<string, string?> { ["Alerts:ReportsPerHour"] = "3" });
        var (flooder, flooderThere, _) = await kalkan.MemberOnBothAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? flooder : flooderThere).PostAsJsonAsync("/api/v1/alerts", Raid)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [PostgresFact]
    public async Task A_members_calls_past_her_window_split_over_two_instances_are_refused_on_both()
    {
        await using var kalkan = await TwoInstances.StartAsync(new Dictionary<string, string?> { ["Alerts:RequestsPerMinute"] = "20" });
        var (flooder, flooderThere, _) = await kalkan.MemberOnBothAsync();
        var (aizada, _) = await kalkan.First.MemberAsync();

        // Ten calls on each instance: each saw only ten, yet together they spent her twenty.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync("/api/v1/alerts")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await flooderThere.GetAsync("/api/v1/alerts")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooderThere.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/alerts", Raid)).StatusCode);
    }

    static Task<HttpResponseMessage> Guess(HttpClient api, string passphrase) =>
        api.PostAsJsonAsync("/api/v1/session", new { handle = "Aizada", passphrase });

    /// <summary>What a dump of the shared counts shows: keyed hashes and numbers, never her id in any form.</summary>
    static async Task CountsNameNoOneAsync(TestStore store, Guid member)
    {
        await using var connection = new NpgsqlConnection(store.Db);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT key FROM kalkan_limit_counts", connection);
        var keys = new List<byte[]>();
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add((byte[])reader[0]);
        Assert.NotEmpty(keys);
        var hers = new[] { member.ToByteArray(), Encoding.UTF8.GetBytes(member.ToString("N")), Encoding.UTF8.GetBytes(member.ToString()) };
        Assert.All(keys, key =>
        {
            Assert.Equal(32, key.Length);
            Assert.DoesNotContain(hers, h => key.AsSpan().IndexOf(h) >= 0);
        });
    }

    /// <summary>Two in-process instances on one fresh PostgreSQL store, the second unsealed as its operator would; a session is valid on both.</summary>
    sealed class TwoInstances(TestStore store, KalkanFactory first, KalkanFactory second) : IAsyncDisposable
    {
        public TestStore Store => store;
        public KalkanFactory First => first;
        public KalkanFactory Second => second;

        public static async Task<TwoInstances> StartAsync(IDictionary<string, string?>? settings = null)
        {
            var store = await TestStore.CreateAsync(Kalkan.Tests.Infrastructure.Store.Postgres);
            var first = new KalkanFactory(store, settings);
            await first.SetUpAsync();
            var second = new KalkanFactory(store, settings);
            var unsealed = await second.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
            Assert.Equal(HttpStatusCode.OK, unsealed.StatusCode);
            return new TwoInstances(store, first, second);
        }

        /// <summary>A new member signed in on the first instance, and her same session sent to the second: one phone whose calls a proxy spreads over both.</summary>
        public async Task<(HttpClient Here, HttpClient There, Guid Id)> MemberOnBothAsync()
        {
            var (here, id) = await first.MemberAsync();
            return (here, second.Api().WithToken(here.DefaultRequestHeaders.Authorization!.Parameter!), id);
        }

        public async ValueTask DisposeAsync()
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
            await store.DisposeAsync();
        }
    }
}
