using Kalkan.Tests.Circles;
using Npgsql;

namespace Kalkan.Tests.Scale;

/// <summary>
/// Three `kalkan serve` processes on one PostgreSQL behave as one Kalkan: what is reported on one
/// reaches streams on the others, a phone whose instance dies resumes on another without a gap,
/// and timers due at once fire once each, whichever instance claims them.
/// </summary>
public class ManyInstancesTests
{
    static int place;

    /// <summary>A checkpoint a few hundred metres from the last: reports at one spot would merge into one alert.</summary>
    internal static object Checkpoint => new { kind = "checkpoint", lat = 42.80 + 0.01 * Interlocked.Increment(ref place), lon = 74.5698 };

    [PostgresFact]
    public async Task A_phone_whose_instance_dies_resumes_on_another_with_Last_Event_ID_and_misses_nothing()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        var (reporter, listener) = await MembersAsync(store, "reporter", "listener");
        await using var instances = await Instances.StartAsync(store, 3);
        var reporting = instances.Client(0, reporter);

        string lastHeard;
        await using (var stream = await EventStreamClient.OpenAsync(instances.Client(1, listener)))
        {
            Assert.Equal(HttpStatusCode.Created, (await reporting.PostAsJsonAsync("/api/v1/alerts", Checkpoint)).StatusCode);
            lastHeard = (await stream.NextAsync("alert")).Id!;
            await instances.KillAsync(1);
        }

        // While her phone finds another instance, three more reports.
        var missed = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var posted = await reporting.PostAsJsonAsync("/api/v1/alerts", Checkpoint);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            missed.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        await using var resumed = await EventStreamClient.OpenAsync(instances.Client(2, listener), lastEventId: lastHeard);
        var heard = new List<string>();
        var ids = new List<long>();
        foreach (var _ in missed)
        {
            var frame = await resumed.NextAsync("alert");
            heard.Add(frame.Data.GetProperty("id").GetString()!);
            ids.Add(long.Parse(frame.Id!));
        }
        Assert.Equal(missed, heard);
        Assert.True(ids.All(id => id > long.Parse(lastHeard)), "an event older than her last one came again");
    }

    [PostgresFact]
    public async Task A_thousand_check_ins_due_at_once_each_fire_exactly_once_across_three_instances()
    {
        const int Checkins = 1000;
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        string defender, friend, reporter;
        var created = new HashSet<string>();
        await using (var setup = await KalkanFactory.StartAsync(store))
        {
            var (aizada, cholpon) = await CircleTests.CircleAsync(setup);
            friend = Token(cholpon);
            defender = Token((await setup.MemberAsync("defender")).Client);
            reporter = Token((await setup.MemberAsync()).Client);
            var due = DateTimeOffset.UtcNow.AddHours(1);
            foreach (var chunk in Enumerable.Range(0, Checkins).Chunk(16))
                foreach (var answer in await Task.WhenAll(chunk.Select(i => aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due, note = $"check-in {i}" }))))
                {
                    Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                    created.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
                }
        }
        await using var instances = await Instances.StartAsync(store, 3);
        await using var defenderStream = await EventStreamClient.OpenAsync(instances.Client(2, defender));
        await using var friendStream = await EventStreamClient.OpenAsync(instances.Client(1, friend));

        // The hour passes at once for all of them: every instance's next tick finds a thousand due.
        await using (var db = new NpgsqlConnection(store.Db))
        {
            await db.OpenAsync();
            await using var due = new NpgsqlCommand("""UPDATE checkins SET "DueAt" = $1""", db);
            due.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds() });
            Assert.Equal(Checkins, await due.ExecuteNonQueryAsync());
        }

        foreach (var stream in new[] { defenderStream, friendStream })
        {
            var heard = new HashSet<string>();
            for (var i = 0; i < Checkins; i++)
                Assert.True(heard.Add((await stream.NextAsync("checkin-missed", TimeSpan.FromSeconds(30))).Data.GetProperty("id").GetString()!), "announced twice");
            Assert.Equal(created, heard);
        }
        await using (var db = new NpgsqlConnection(store.Db))
        {
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("""SELECT count(*) FROM checkins WHERE "State" = 2 AND "FiredAt" IS NOT NULL""", db);
            Assert.Equal(Checkins, Convert.ToInt32(await count.ExecuteScalarAsync()));
        }

        // Nothing more comes: a report made now reaches the defender after every event written before it, and no check-in came again.
        Assert.Equal(HttpStatusCode.Created, (await instances.Client(0, reporter).PostAsJsonAsync("/api/v1/alerts", Checkpoint)).StatusCode);
        Assert.Equal("alert", (await defenderStream.NextOfAsync("checkin-missed", "alert")).Event);
    }

    /// <summary>Members made through an in-process Kalkan on the shared store, which then stops: their sessions live in the store.</summary>
    internal static async Task<(string, string)> MembersAsync(TestStore store, string first, string second)
    {
        await using var setup = new KalkanFactory(store);
        await setup.SetUpAsync();
        return (Token((await setup.MemberAsync(handle: first)).Client), Token((await setup.MemberAsync(handle: second)).Client));
    }

    static string Token(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;
}
