namespace Kalkan.Tests.Alerts;

/// <summary>What members see live: a report, confirmations, a defender's word and expiry, on every open stream within a second.</summary>
[Collection(TimingSensitive.Name)]
public class AlertStreamTests
{
    static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Theory, Stores]
    public async Task A_report_reaches_every_other_members_open_stream_within_a_second(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var reporter = (await kalkan.MemberAsync()).Client;
        var streams = new List<EventStreamClient>();
        for (var i = 0; i < 5; i++) streams.Add(await EventStreamClient.OpenAsync((await kalkan.MemberAsync(i == 4 ? "defender" : "member")).Client));

        var clock = Stopwatch.StartNew();
        var posted = await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.8746, lon = 74.5698, note = "two cars" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var received = await Task.WhenAll(streams.Select(s => s.NextAsync("alert", OneSecond)));
        Assert.True(clock.Elapsed < OneSecond, $"took {clock.Elapsed.TotalMilliseconds} ms");
        foreach (var frame in received)
        {
            Assert.Equal(id, frame.Data.GetProperty("id").GetString());
            Assert.Equal("checkpoint", frame.Data.GetProperty("kind").GetString());
            Assert.Equal(42.8746, frame.Data.GetProperty("lat").GetDouble());
            Assert.Equal("unverified", frame.Data.GetProperty("status").GetString());
            Assert.Equal("two cars", frame.Data.GetProperty("note").GetString());
            Assert.False(frame.Data.TryGetProperty("reporter", out _)); // nobody's stream says who reported it
        }
        foreach (var s in streams) await s.DisposeAsync();
    }

    [Theory, Stores]
    public async Task Confirmations_verify_dismiss_and_expiry_show_on_the_streams(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?>
        {
            ["Alerts:Lifetime:patrol"] = "00:00:03",
            ["Alerts:SweepInterval"] = "00:00:00.200",
        });
        var reporter = (await kalkan.MemberAsync()).Client;
        var second = (await kalkan.MemberAsync()).Client;
        var third = (await kalkan.MemberAsync()).Client;
        var defender = (await kalkan.MemberAsync("defender")).Client;
        await using var watcher = await EventStreamClient.OpenAsync((await kalkan.MemberAsync()).Client);

        var alert = await reporter.ReportAsync(new { kind = "checkpoint", lat = 42.87, lon = 74.59 });
        var id = alert.GetProperty("id").GetString();
        await watcher.NextAsync("alert", OneSecond);

        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"/api/v1/alerts/{id}/confirm", null)).StatusCode);
        var once = (await watcher.NextAsync("alert", OneSecond)).Data;
        Assert.Equal(1, once.GetProperty("confirmations").GetInt32());
        Assert.Equal("unverified", once.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await third.PostAsync($"/api/v1/alerts/{id}/confirm", null)).StatusCode);
        var twice = (await watcher.NextAsync("alert", OneSecond)).Data;
        Assert.Equal(2, twice.GetProperty("confirmations").GetInt32());
        Assert.Equal("corroborated", twice.GetProperty("status").GetString());
        Assert.True(twice.GetProperty("expiresAt").GetDateTimeOffset() >= alert.GetProperty("expiresAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/alerts/{id}/verify", null)).StatusCode);
        Assert.Equal("verified", (await watcher.NextAsync("alert", OneSecond)).Data.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/alerts/{id}/dismiss", null)).StatusCode);
        Assert.Equal("dismissed", (await watcher.NextAsync("alert", OneSecond)).Data.GetProperty("status").GetString());

        var patrol = await reporter.ReportAsync(new { kind = "patrol", lat = 42.88, lon = 74.60 });
        var patrolId = patrol.GetProperty("id").GetString();
        var expired = await watcher.NextAsync("expired", TimeSpan.FromSeconds(6));
        Assert.Equal(patrolId, expired.Data.GetProperty("id").GetString());
        var list = await reporter.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        Assert.DoesNotContain(list.EnumerateArray(), a => a.GetProperty("id").GetString() == patrolId);
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetString() == id);
    }

    [Theory, Stores]
    public async Task A_phone_that_reconnects_with_its_last_event_id_gets_what_it_missed(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync();
        var reporter = (await kalkan.MemberAsync()).Client;
        string lastId;
        await using (var first = await EventStreamClient.OpenAsync(member))
        {
            await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.80, lon = 74.50 });
            lastId = (await first.NextAsync("alert")).Id!;
        }
        var missed = await reporter.ReportAsync(new { kind = "raid", lat = 42.90, lon = 74.70 });

        await using var again = await EventStreamClient.OpenAsync(member, lastId);
        Assert.Equal(missed.GetProperty("id").GetString(), (await again.NextAsync("alert", OneSecond)).Data.GetProperty("id").GetString());
        await using var stale = await EventStreamClient.OpenAsync(member, "12345");
        await stale.NextAsync("resync", OneSecond);
    }

    [Theory, Stores]
    public async Task The_stream_is_for_signed_in_members_only(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var response = await kalkan.Api().GetAsync("/api/v1/alerts/stream");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
