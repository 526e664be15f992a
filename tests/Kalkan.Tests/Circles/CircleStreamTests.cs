namespace Kalkan.Tests.Circles;

/// <summary>What reaches whose stream: her circle and the defenders hear her; nobody else does.</summary>
public class CircleStreamTests
{
    [Theory, Stores]
    public async Task An_SOS_reaches_her_circle_and_the_defenders_with_her_position_and_not_another_member(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (other, _) = await kalkan.MemberAsync();
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        await using var defenderStream = await EventStreamClient.OpenAsync(defender);
        await using var otherStream = await EventStreamClient.OpenAsync(other);

        await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8746, lon = 74.5698, note = "white car" });

        foreach (var stream in new[] { circleStream, defenderStream })
        {
            var sos = await stream.NextAsync("sos", TimeSpan.FromSeconds(2));
            Assert.Equal("Aizada", sos.Data.GetProperty("handle").GetString());
            Assert.Equal(42.8746, sos.Data.GetProperty("lat").GetDouble());
        }
        Assert.True(await otherStream.QuietAsync("sos", TimeSpan.FromSeconds(1.5)));
    }

    [Theory, Stores]
    public async Task A_missed_check_in_reaches_her_circle_within_five_seconds_of_its_due_time(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" });
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        var due = DateTimeOffset.UtcNow.AddSeconds(2);

        await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due, note = "hotel on Chui", lat = 42.87, lon = 74.6 });
        var missed = await circleStream.NextAsync("checkin-missed", TimeSpan.FromSeconds(8));

        Assert.True(DateTimeOffset.UtcNow - due < TimeSpan.FromSeconds(5));
        Assert.Equal("hotel on Chui", missed.Data.GetProperty("note").GetString());
        Assert.Equal("missed", missed.Data.GetProperty("reason").GetString());
    }

    [Theory, Stores]
    public async Task Done_with_the_duress_passphrase_alerts_her_circle_at_once_and_done_with_hers_does_not(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        await aizada.SetDuressPassphraseAsync();
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);

        var first = await StartAsync(aizada);
        await aizada.PostAsJsonAsync($"/api/v1/checkins/{first}/done", new { passphrase = Scenario.MemberPassphrase });
        Assert.True(await circleStream.QuietAsync("checkin-missed", TimeSpan.FromSeconds(1.5)));

        var second = await StartAsync(aizada);
        await aizada.PostAsJsonAsync($"/api/v1/checkins/{second}/done", new { passphrase = Scenario.DuressPassphrase });
        var alarm = await circleStream.NextAsync("checkin-missed", TimeSpan.FromSeconds(2));
        Assert.Equal("duress", alarm.Data.GetProperty("reason").GetString());
    }

    [Theory, Stores]
    public async Task A_duress_sign_in_warns_the_defenders_within_two_seconds(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberWithDuressAsync(handle: "Aizada");
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync();
        await using var defenderStream = await EventStreamClient.OpenAsync(defender);
        await using var memberStream = await EventStreamClient.OpenAsync(member);

        await kalkan.Api().SignInAsync("Aizada", Scenario.MemberPassphrase);
        Assert.True(await defenderStream.QuietAsync("duress", TimeSpan.FromSeconds(1)));
        await kalkan.Api().SignInAsync("Aizada", Scenario.DuressPassphrase);

        var warning = await defenderStream.NextAsync("duress", TimeSpan.FromSeconds(2));
        Assert.Equal("Aizada", warning.Data.GetProperty("handle").GetString());
        Assert.True(await memberStream.QuietAsync("duress", TimeSpan.FromSeconds(1)));
    }

    static async Task<Guid> StartAsync(HttpClient member) =>
        (await (await member.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
