namespace Kalkan.Tests.Security;

/// <summary>
/// An infiltrator, or anyone on the internet, tries to silence the early warning with a loop of
/// requests. Each member has her own bucket, and anonymous callers never reach one: another
/// member's report still goes out and her stream still hears it.
/// </summary>
public class RateLimitAttackTests
{
    // A small limit, so the flood is short; the attack is the same at the default 240 a minute.
    static readonly Dictionary<string, string?> Limits = new() { ["Alerts:RequestsPerMinute"] = "20" };

    [Theory, Stores]
    public async Task One_members_flood_leaves_another_members_report_and_stream_untouched(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: Limits);
        var (flooder, _) = await kalkan.MemberAsync();
        var (aizada, _) = await kalkan.MemberAsync();
        var (listener, _) = await kalkan.MemberAsync();
        await using var stream = await EventStreamClient.OpenAsync(listener);

        var refused = await FloodAsync(() => flooder.GetAsync("/api/v1/alerts"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.87, lon = 74.59 })).StatusCode);

        var report = await aizada.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.8746, lon = 74.5698 });
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        var heard = await stream.NextAsync("alert", TimeSpan.FromSeconds(5));
        Assert.Equal("checkpoint", heard.Data.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await aizada.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Theory, Stores]
    public async Task An_anonymous_flood_leaves_a_members_report_and_stream_untouched(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: Limits);
        var (aizada, _) = await kalkan.MemberAsync();
        var (listener, _) = await kalkan.MemberAsync();
        await using var stream = await EventStreamClient.OpenAsync(listener);
        var anonymous = kalkan.Api();
        var junk = kalkan.Api().WithToken("not-a-token-but-long-enough-to-look-up");

        // Three times the limit, on every per-member route, with no token and with a forged one.
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/alerts")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await junk.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 1, lon = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/push/key")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.8746, lon = 74.5698 })).StatusCode);
        Assert.Equal("patrol", (await stream.NextAsync("alert", TimeSpan.FromSeconds(5))).Data.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await aizada.GetAsync("/api/v1/push/key")).StatusCode);
    }

    [Theory, Stores]
    public async Task One_members_push_flood_leaves_another_members_push_calls_untouched(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (flooder, _) = await kalkan.MemberAsync();
        var (aizada, _) = await kalkan.MemberAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, await FloodAsync(() => flooder.GetAsync("/api/v1/push/key")));

        Assert.Equal(HttpStatusCode.OK, (await aizada.GetAsync("/api/v1/push/key")).StatusCode);
    }

    /// <summary>Calls until refused (at most 100 times); the last status.</summary>
    static async Task<HttpStatusCode> FloodAsync(Func<Task<HttpResponseMessage>> call)
    {
        var status = HttpStatusCode.OK;
        for (var i = 0; i < 100 && status != HttpStatusCode.TooManyRequests; i++)
            status = (await call()).StatusCode;
        return status;
    }
}
