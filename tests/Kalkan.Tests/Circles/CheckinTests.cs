namespace Kalkan.Tests.Circles;

[Collection(TimingSensitive.Name)]
public class CheckinTests
{
    [Theory, Stores]
    public async Task A_check_in_is_set_extended_and_marked_done_with_her_passphrase(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberAsync(handle: "Aizada");
        var (other, _) = await kalkan.MemberAsync();

        var set = await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddMinutes(30), note = "client at the hotel", lat = 42.87, lon = 74.59 });
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        var id = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsJsonAsync($"/api/v1/checkins/{id}/extend", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/checkins/{id}/done", new { passphrase = "member passphrase for tests" })).StatusCode);
        var wrong = await aizada.PostAsJsonAsync($"/api/v1/checkins/{id}/done", new { passphrase = "not my passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Single((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());

        var done = await aizada.PostAsJsonAsync($"/api/v1/checkins/{id}/done", new { passphrase = Scenario.MemberPassphrase });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("done", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Empty((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_time_in_the_past_or_too_far_ahead_is_refused_naming_dueAt(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberAsync();

        foreach (var body in new object[] { new { dueAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, new { dueAt = DateTimeOffset.UtcNow.AddDays(8) }, new { note = "x" } })
        {
            var refused = await aizada.PostAsJsonAsync("/api/v1/checkins", body);
            Assert.True((await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("dueAt", out _));
        }
        var notATime = await aizada.PostAsync("/api/v1/checkins", new StringContent("{\"dueAt\":\"tonight\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True((await notATime.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("dueAt", out _));
        Assert.Empty((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task Done_with_the_duress_passphrase_answers_exactly_like_done(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberWithDuressAsync(handle: "Aizada");

        var normal = new List<double>();
        var forced = new List<double>();
        string? normalShape = null, forcedShape = null;
        for (var i = 0; i < 9; i++)
        {
            foreach (var (passphrase, times) in new[] { (Scenario.MemberPassphrase, normal), (Scenario.DuressPassphrase, forced) })
            {
                var id = (await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) }))
                    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                var clock = Stopwatch.StartNew();
                var done = await aizada.PostAsJsonAsync($"/api/v1/checkins/{id}/done", new { passphrase });
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
                var body = (await done.Content.ReadAsStringAsync()).Replace(id.ToString(), "ID");
                body = System.Text.RegularExpressions.Regex.Replace(body, "\"dueAt\":\"[^\"]+\"", "\"dueAt\":\"T\"");
                if (passphrase == Scenario.MemberPassphrase) normalShape = body; else forcedShape = body;
            }
        }

        Assert.Equal(normalShape, forcedShape);
        // The fastest of nine is each path's own cost: the suite's load only ever adds to a sample. A path that
        // skipped a passphrase hash, or did a second one, would be about half or twice the other.
        Assert.InRange(forced.Min() / normal.Min(), 0.6, 1.6);
    }

    [Theory, Stores]
    public async Task A_check_in_past_due_becomes_missed(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" }, clock: clock);
        var (aizada, _) = await kalkan.MemberAsync();
        var id = (await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = clock.GetUtcNow().AddMinutes(30) }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Single((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());

        clock.Advance(TimeSpan.FromMinutes(31)); // the server's half hour passes at once; the timer's next tick finds it due

        await Eventually.HoldsAsync(async () => (await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).GetArrayLength() == 0);
        Assert.Equal(HttpStatusCode.NotFound, (await aizada.PostAsJsonAsync($"/api/v1/checkins/{id}/done", new { passphrase = Scenario.MemberPassphrase })).StatusCode);
    }
}
