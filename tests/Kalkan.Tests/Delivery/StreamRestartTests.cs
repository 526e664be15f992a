namespace Kalkan.Tests.Delivery;

/// <summary>
/// A restart does not replay the past as news: what was sent before it reaches a stream opened
/// after it only when that phone asks to resume, never as a new alert.
/// </summary>
public class StreamRestartTests
{
    [Theory, Stores]
    public async Task After_a_restart_a_new_stream_hears_the_next_report_first_not_one_from_before(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string token;
        await using (var before = await KalkanFactory.StartAsync(store))
        {
            var (reporter, _) = await before.MemberAsync();
            token = reporter.DefaultRequestHeaders.Authorization!.Parameter!;
            await using var stream = await EventStreamClient.OpenAsync(reporter);
            Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.87, lon = 74.57 })).StatusCode);
            await stream.NextAsync("alert");
        }

        await using var after = new KalkanFactory(store);
        Assert.Equal(HttpStatusCode.OK, (await after.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);
        var member = after.Api().WithToken(token);
        await using var reopened = await EventStreamClient.OpenAsync(member);
        var posted = await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.80, lon = 74.50 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var first = await reopened.NextAsync("alert");
        Assert.Equal(id, first.Data.GetProperty("id").GetString());
    }
}
