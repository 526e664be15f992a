namespace Kalkan.Tests.Alerts;

/// <summary>What a report may be, who may confirm, verify or dismiss it, and how reports near each other merge.</summary>
public class AlertRulesTests
{
    [Theory, Stores]
    public async Task Bad_reports_and_forbidden_acts_are_4xx_and_change_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (reporter, other, alert) = await CheckpointAndAnotherMemberAsync(kalkan);
        var id = alert.GetProperty("id").GetString();
        var before = await ListAsync(reporter);

        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 91.0, lon = 74.59 }), 400, "lat");
        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.0, lon = -180.5 }), 400, "lon");
        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint" }), 400, "lat");
        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "party", lat = 40.0, lon = 70.0 }), 400, "kind");
        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 40.0, lon = 70.0, note = new string('n', 281) }), 400, "note");
        await Refused(reporter.PostAsync("/api/v1/alerts", new StringContent("{\"kind\":\"raid\",\"lat\":\"north\",\"lon\":70}", Encoding.UTF8, "application/json")), 400, "lat");
        await Refused(reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", landmark = Guid.NewGuid() }), 400, "landmark");
        await Refused(reporter.PostAsync($"/api/v1/alerts/{id}/confirm", null), 409);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/v1/alerts/{id}/confirm", null)).StatusCode);
        before = await ListAsync(reporter);
        await Refused(other.PostAsync($"/api/v1/alerts/{id}/confirm", null), 409);
        await Refused(other.PostAsync($"/api/v1/alerts/{id}/verify", null), 403);
        await Refused(other.PostAsync($"/api/v1/alerts/{id}/dismiss", null), 403);
        await Refused(other.PostAsync($"/api/v1/alerts/{Guid.NewGuid()}/confirm", null), 404);

        Assert.Equal(before, await ListAsync(reporter));
        var only = JsonDocument.Parse(before).RootElement.EnumerateArray().Single();
        Assert.Equal(1, only.GetProperty("confirmations").GetInt32());
    }

    /// <summary>A member who reported a checkpoint at 42.87, 74.59 (the alert as she got it back), and another member.</summary>
    static async Task<(HttpClient Reporter, HttpClient Other, JsonElement Alert)> CheckpointAndAnotherMemberAsync(KalkanFactory kalkan)
    {
        var (reporter, _) = await kalkan.MemberAsync();
        var (other, _) = await kalkan.MemberAsync();
        return (reporter, other, await reporter.ReportAsync(new { kind = "checkpoint", lat = 42.87, lon = 74.59 }));
    }

    [Theory, Stores]
    public async Task A_note_of_exactly_280_characters_is_taken(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync();
        var note = new string('ж', 280);
        var response = await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "other", lat = -1.29, lon = 36.82, note });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(note, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString());
    }

    [Theory, Stores]
    public async Task A_report_within_300_m_of_an_active_alert_of_its_kind_confirms_it_instead_of_adding_a_pin(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (first, second, original) = await CheckpointAndAnotherMemberAsync(kalkan);

        // About 220 m north: the same checkpoint, seen by someone else.
        var near = await second.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.8720, lon = 74.5900, note = "they stop taxis" });
        Assert.Equal(HttpStatusCode.Created, near.StatusCode);
        var merged = await near.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(original.GetProperty("id").GetString(), merged.GetProperty("id").GetString());
        Assert.True(merged.GetProperty("merged").GetBoolean());
        Assert.Equal(1, merged.GetProperty("confirmations").GetInt32());
        Assert.Equal("they stop taxis", merged.GetProperty("note").GetString()); // her note is kept with the alert

        // About 440 m away, or another kind at the same spot: a pin of its own.
        await second.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.8740, lon = 74.5900 });
        await second.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.8700, lon = 74.5900 });
        // Her own report again at the same place is no confirmation.
        await Refused(first.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.8701, lon = 74.5901 }), 409);

        var list = JsonDocument.Parse(await ListAsync(first)).RootElement;
        Assert.Equal(3, list.GetArrayLength());
    }

    [Theory, Stores]
    public async Task A_reporter_whose_alerts_are_often_dismissed_needs_more_confirmations_and_defenders_see_her_record(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (flooder, _) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");
        for (var i = 0; i < 2; i++)
        {
            var noise = await flooder.ReportAsync(new { kind = "raid", lat = 10.0 + i, lon = 10.0 });
            Assert.Equal(2, noise.GetProperty("required").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/alerts/{noise.GetProperty("id").GetString()}/dismiss", null)).StatusCode);
        }
        var next = await flooder.ReportAsync(new { kind = "raid", lat = 20.0, lon = 20.0 });
        Assert.Equal(3, next.GetProperty("required").GetInt32());

        var seen = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == next.GetProperty("id").GetString());
        Assert.Equal(3, seen.GetProperty("reporter").GetProperty("reports").GetInt32());
        Assert.Equal(2, seen.GetProperty("reporter").GetProperty("dismissed").GetInt32());
        var members = await flooder.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        Assert.All(members.EnumerateArray(), a => Assert.False(a.TryGetProperty("reporter", out _)));
        Assert.Equal(3, seen.GetProperty("reporter").EnumerateObject().Count()); // counts only: nothing of who she is
    }

    [Theory, Stores]
    public async Task Each_kind_lives_as_long_as_configured_and_a_landmark_gives_the_place(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Alerts:Lifetime:checkpoint"] = "00:00:05" });
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync();
        var landmark = await (await defender.PostAsJsonAsync("/api/v1/landmarks", new { name = "Osh bazaar", lat = 42.8747, lon = 74.5815 })).Content.ReadFromJsonAsync<JsonElement>();

        var alert = await member.ReportAsync(new { kind = "checkpoint", landmark = landmark.GetProperty("id").GetString() });
        Assert.Equal(42.8747, alert.GetProperty("lat").GetDouble());
        Assert.Equal("Osh bazaar", alert.GetProperty("landmark").GetString());
        var life = alert.GetProperty("expiresAt").GetDateTimeOffset() - alert.GetProperty("reportedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromSeconds(5), life);
        var raid = await member.ReportAsync(new { kind = "raid", lat = 1.0, lon = 1.0 });
        Assert.Equal(TimeSpan.FromHours(6), raid.GetProperty("expiresAt").GetDateTimeOffset() - raid.GetProperty("reportedAt").GetDateTimeOffset());

        var names = await member.GetFromJsonAsync<JsonElement>("/api/v1/landmarks");
        Assert.Equal("Osh bazaar", names.EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/landmarks", new { name = "x", lat = 1.0, lon = 1.0 })).StatusCode);
        await Refused(defender.PostAsJsonAsync("/api/v1/landmarks", new { name = "", lat = 100.0, lon = 1.0 }), 400, "name");
    }

    [Theory, Stores]
    public async Task A_member_past_her_hourly_reports_is_refused_with_429_and_nothing_is_stored(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Alerts:ReportsPerHour"] = "2" });
        var (member, _) = await kalkan.MemberAsync();
        var (other, _) = await kalkan.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 1.0, lon = 1.0 })).StatusCode);
        await Refused(member.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 91.0, lon = 1.0 }), 400, "lat"); // a refused report costs nothing
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 2.0, lon = 2.0 })).StatusCode);
        await Refused(member.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 3.0, lon = 3.0 }), 429);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 4.0, lon = 4.0 })).StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await ListAsync(member)).RootElement.GetArrayLength());
    }

    [Theory, Stores]
    public async Task Simultaneous_first_reports_of_one_member_are_all_stored_and_all_counted_in_her_record(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => member.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 10.0 + i, lon = 20.0 })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var seen = await defender.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        Assert.All(seen.EnumerateArray(), a => Assert.Equal(5, a.GetProperty("reporter").GetProperty("reports").GetInt32()));
    }

    static async Task<string> ListAsync(HttpClient client) => await client.GetStringAsync("/api/v1/alerts");

    static async Task Refused(Task<HttpResponseMessage> call, int status, string? field = null)
    {
        var response = await call;
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.ProblemAsync();
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
