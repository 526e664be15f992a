using Kalkan.Delivery;

namespace Kalkan.Tests.Delivery;

/// <summary>Features publish to an audience; each open stream gets exactly what is meant for its member or role.</summary>
public class StreamHubTests
{
    [Theory, Stores]
    public async Task An_event_for_some_members_or_a_role_reaches_them_and_no_one_else(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aigul, aigulId) = await kalkan.MemberAsync();
        var (bermet, _) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");
        await using var aigulStream = await EventStreamClient.OpenAsync(aigul);
        await using var bermetStream = await EventStreamClient.OpenAsync(bermet);
        await using var defenderStream = await EventStreamClient.OpenAsync(defender);
        var hub = kalkan.Services.GetRequiredService<StreamHub>();

        hub.Publish("sos", new { id = 1 }, Audience.Members([aigulId]).Or(Audience.Roles("defender", "admin")));
        hub.Publish("duress", new { id = 2 }, Audience.Roles("defender"));

        Assert.Equal(1, (await aigulStream.NextAsync("sos")).Data.GetProperty("id").GetInt32());
        Assert.Equal(1, (await defenderStream.NextAsync("sos")).Data.GetProperty("id").GetInt32());
        Assert.Equal(2, (await defenderStream.NextAsync("duress")).Data.GetProperty("id").GetInt32());
        Assert.True(await bermetStream.QuietAsync("sos", TimeSpan.FromMilliseconds(300)));
        Assert.True(await aigulStream.QuietAsync("duress", TimeSpan.FromMilliseconds(300)));
    }

    [Theory, Stores]
    public async Task A_stream_ends_soon_after_its_session_does(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Delivery:SessionCheck"] = "00:00:00.200" });
        var (member, _) = await kalkan.MemberAsync();
        var (other, _) = await kalkan.MemberAsync();
        await using var stays = await EventStreamClient.OpenAsync(other);
        await using var stream = await EventStreamClient.OpenAsync(member);
        var hub = kalkan.Services.GetRequiredService<StreamHub>();
        Assert.Equal(2, hub.OpenStreams);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await member.DeleteAsync("/api/v1/session")).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(hub.OpenStreams == 1), TimeSpan.FromSeconds(3));
        hub.Publish("alert", new { id = 7 }, Audience.Everyone);
        Assert.Equal(7, (await stays.NextAsync("alert")).Data.GetProperty("id").GetInt32());
    }

    [Theory, Stores]
    public async Task Sealing_the_server_ends_every_open_stream(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync();
        await using var stream = await EventStreamClient.OpenAsync(member);
        var hub = kalkan.Services.GetRequiredService<StreamHub>();
        Assert.Equal(1, hub.OpenStreams);
        kalkan.Services.GetRequiredService<Kalkan.Seal.SealState>().Close();
        await Eventually.HoldsAsync(() => Task.FromResult(hub.OpenStreams == 0), TimeSpan.FromSeconds(3));
    }
}
