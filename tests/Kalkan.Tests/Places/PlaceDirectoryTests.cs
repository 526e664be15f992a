namespace Kalkan.Tests.Places;

/// <summary>The safe-places directory through its API: every member reads it, defenders keep it, nobody else changes it.</summary>
public class PlaceDirectoryTests
{
    internal static object Clinic(string name = "Tais Plus clinic") => new
    {
        name, kind = "clinic", district = "Oktyabrsky", hours = "Mon-Fri 9-18", languages = new[] { "Russian", "Kyrgyz" },
        contact = "+996 312 000000", note = "Ask for Dr. Asel; no questions about work.",
    };

    [Theory, Stores]
    public async Task Members_read_the_directory_that_defenders_keep(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync();

        var added = await defender.PostAsJsonAsync("/api/v1/places", Clinic());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var seen = Assert.Single(await ListAsync(member));
        Assert.Equal("Tais Plus clinic", seen.GetProperty("name").GetString());
        Assert.Equal(["Russian", "Kyrgyz"], seen.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.False(seen.GetProperty("stale").GetBoolean());

        var corrected = await defender.PutAsJsonAsync($"/api/v1/places/{id}", Clinic("Tais Plus, second floor"));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Tais Plus, second floor", Assert.Single(await ListAsync(member)).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await defender.DeleteAsync($"/api/v1/places/{id}")).StatusCode);
        Assert.Empty(await ListAsync(member));
        Assert.Equal(HttpStatusCode.NotFound, (await defender.DeleteAsync($"/api/v1/places/{id}")).StatusCode);
    }

    [Theory, Stores]
    public async Task A_member_cannot_add_correct_check_or_remove_a_place(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync();
        var id = (await (await defender.PostAsJsonAsync("/api/v1/places", Clinic())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var before = JsonSerializer.Serialize(await ListAsync(member));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/places", Clinic("A trap"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync($"/api/v1/places/{id}", Clinic("A trap"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/places/{id}/checked", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.DeleteAsync($"/api/v1/places/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().GetAsync("/api/v1/places")).StatusCode);

        Assert.Equal(before, JsonSerializer.Serialize(await ListAsync(member)));
    }

    [Theory, Stores]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var id = (await (await defender.PostAsJsonAsync("/api/v1/places", Clinic())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var before = JsonSerializer.Serialize(await ListAsync(defender));

        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { kind = "clinic", district = "Lenin" }), 400, "name");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "bar", district = "Lenin" }), 400, "kind");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "clinic" }), 400, "district");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = new string('n', 101), kind = "clinic", district = "Lenin" }), 400, "name");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "clinic", district = "Lenin", note = new string('n', 501) }), 400, "note");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "clinic", district = "Lenin", contact = new string('c', 201) }), 400, "contact");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "clinic", district = "Lenin", languages = new[] { " " } }), 400, "languages");
        await Refused(defender.PostAsJsonAsync("/api/v1/places", new { name = "X", kind = "clinic", district = "Lenin", languages = Enumerable.Range(0, 11).Select(i => "l" + i) }), 400, "languages");
        await Refused(defender.PostAsync("/api/v1/places", new StringContent("{\"name\":\"X\",\"kind\":\"clinic\",\"district\":7}", Encoding.UTF8, "application/json")), 400, "district");
        await Refused(defender.PutAsJsonAsync($"/api/v1/places/{id}", new { name = "", kind = "clinic", district = "Lenin" }), 400, "name");
        await Refused(defender.PutAsJsonAsync($"/api/v1/places/{Guid.NewGuid()}", Clinic()), 404);
        await Refused(defender.PostAsync($"/api/v1/places/{Guid.NewGuid()}/checked", null), 404);

        Assert.Equal(before, JsonSerializer.Serialize(await ListAsync(defender)));
    }

    [Theory, Stores]
    public async Task A_place_not_checked_for_longer_than_the_setting_is_marked_until_a_defender_checks_it(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Places:StaleAfterDays"] = "30" }, clock: clock);
        var admin = await kalkan.AdminAsync();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/places", Clinic())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Her session from a month ago has ended by then: she signs in again each time.
        clock.Advance(TimeSpan.FromDays(29));
        admin = await kalkan.AdminAsync();
        Assert.False(Assert.Single(await ListAsync(admin)).GetProperty("stale").GetBoolean());
        clock.Advance(TimeSpan.FromDays(2));
        admin = await kalkan.AdminAsync();
        var old = Assert.Single(await ListAsync(admin));
        Assert.True(old.GetProperty("stale").GetBoolean());

        var checkedNow = await (await admin.PostAsync($"/api/v1/places/{id}/checked", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(checkedNow.GetProperty("stale").GetBoolean());
        Assert.Equal(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd"), checkedNow.GetProperty("checkedOn").GetString());
    }

    [Fact]
    public async Task A_setting_out_of_range_stops_the_start_naming_it()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var kalkan = new KalkanFactory(store, new Dictionary<string, string?> { ["Places:StaleAfterDays"] = "0" });
        var failure = Assert.ThrowsAny<Exception>(() => kalkan.Api());
        Assert.Contains("StaleAfterDays", failure.ToString());
    }

    static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/places")).EnumerateArray()];

    static async Task Refused(Task<HttpResponseMessage> call, int status, string? field = null)
    {
        var response = await call;
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }
}
