using Kalkan.Circles;

namespace Kalkan.Tests.Circles;

public class SosTests
{
    [Theory, Stores]
    public async Task Her_circle_and_the_defenders_see_her_SOS_and_its_position_and_nobody_else_does(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var (other, _) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");

        var raised = await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8746, lon = 74.5698, note = "white car near the market" });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var attendant in new[] { cholpon, defender, aizada })
        {
            var call = await attendant.GetFromJsonAsync<JsonElement>($"/api/v1/sos/{id}");
            Assert.Equal(42.8746, call.GetProperty("lat").GetDouble());
            Assert.Equal("white car near the market", call.GetProperty("note").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/sos/{id}")).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/sos/{id}/respond", new { kind = "calling" })).StatusCode);
    }

    [Theory, Stores]
    public async Task Responders_say_so_she_sees_it_and_she_resolves_the_call(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var id = (await (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.BadRequest, (await cholpon.PostAsJsonAsync($"/api/v1/sos/{id}/respond", new { kind = "maybe" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cholpon.PostAsJsonAsync($"/api/v1/sos/{id}/respond", new { kind = "on-my-way" })).StatusCode);

        var seen = await aizada.GetFromJsonAsync<JsonElement>($"/api/v1/sos/{id}");
        var response = Assert.Single(seen.GetProperty("responses").EnumerateArray());
        Assert.Equal("on-my-way", response.GetProperty("kind").GetString());
        Assert.Equal("Cholpon", response.GetProperty("handle").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await cholpon.PostAsync($"/api/v1/sos/{id}/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsync($"/api/v1/sos/{id}/resolve", null)).StatusCode);
        Assert.Empty((await cholpon.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_bad_place_or_a_long_note_is_refused_and_raises_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");

        foreach (var (body, field) in new (object, string)[]
        {
            (new { lat = 91.0, lon = 74.59 }, "lat"), (new { lat = 42.87, lon = -181.0 }, "lon"), (new { lon = 74.59 }, "lat"),
            (new { lat = 42.87, lon = 74.59, note = new string('x', 281) }, "note"),
        })
        {
            var refused = await aizada.PostAsJsonAsync("/api/v1/sos", body);
            Assert.True((await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_resolved_call_and_a_done_check_in_are_deleted_whole_once_the_retention_has_passed(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var clock = new ShiftedClock();
        await using var kalkan = new KalkanFactory(store, new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" }) { Clock = clock };
        await kalkan.SetUpAsync();
        const string handle = "Aizada";
        var (aizada, _) = await kalkan.MemberAsync(handle: handle);
        var sos = (await (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59, note = "white car" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (defender, _) = await kalkan.MemberAsync("defender");
        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsJsonAsync($"/api/v1/sos/{sos}/respond", new { kind = "on-my-way" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsync($"/api/v1/sos/{sos}/resolve", null)).StatusCode);
        var checkin = (await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = clock.GetUtcNow().AddHours(1), lat = 42.87, lon = 74.59 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsJsonAsync($"/api/v1/checkins/{checkin}/done", new { passphrase = "member passphrase for tests" })).StatusCode);

        // Within the retention both are kept; a day later the next tick deletes them whole.
        Assert.Equal(HttpStatusCode.OK, (await aizada.GetAsync($"/api/v1/sos/{sos}")).StatusCode);
        clock.Advance(TimeSpan.FromHours(25));
        await Eventually.HoldsAsync(async () =>
        {
            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            return !await db.Set<SosCall>().AnyAsync() && !await db.Set<Checkin>().AnyAsync() && !await db.Set<SosResponse>().AnyAsync();
        });
        // A day on, her session has timed out too: she signs in again and finds nothing.
        var again = kalkan.Api().WithToken(await kalkan.Api().SignInAsync(handle, "member passphrase for tests"));
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/api/v1/sos/{sos}")).StatusCode);
    }
}
