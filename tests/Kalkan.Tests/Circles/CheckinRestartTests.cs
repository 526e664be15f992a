namespace Kalkan.Tests.Circles;

/// <summary>
/// Timers live on the server: a check-in that fell due while the server was down fires as soon as
/// it is back. The server stops, its clock moves past the due time (no waiting), it starts again on
/// the same store, is unsealed, and her friend's stream hears the missed check-in.
/// </summary>
public class CheckinRestartTests
{
    [Theory, Stores]
    public async Task A_check_in_that_fell_due_while_the_server_was_down_reaches_her_circle_after_the_start(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var clock = new ShiftedClock();
        await using (var first = await KalkanFactory.StartAsync(store))
        {
            var (aizada, _) = await first.MemberAsync(handle: "Aizada");
            var (cholpon, _) = await first.MemberAsync(handle: "Cholpon");
            var link = await CircleTests.InviteAsync(aizada, "Cholpon");
            Assert.Equal(HttpStatusCode.OK, (await cholpon.PostAsync($"/api/v1/circle/invitations/{link}/accept", null)).StatusCode);
            var set = await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1), note = "going with a client" });
            Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        }

        // Down for two hours: the check-in fell due meanwhile, and nobody was there to fire it.
        clock.Advance(TimeSpan.FromHours(2));
        await using var restarted = new KalkanFactory(store) { Clock = clock };
        var anonymous = restarted.Api();
        Assert.Equal("sealed", await anonymous.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);

        // Her friend's phone comes back as phones do: signs in and opens its stream.
        var friend = restarted.Api().WithToken(await restarted.Api().SignInAsync("Cholpon", "member passphrase for tests"));
        await using var stream = await EventStreamClient.OpenAsync(friend);
        var missed = await stream.NextAsync("checkin-missed", TimeSpan.FromSeconds(30));
        Assert.Equal("going with a client", missed.Data.GetProperty("note").GetString());
        Assert.Equal("Aizada", missed.Data.GetProperty("handle").GetString());
    }
}
