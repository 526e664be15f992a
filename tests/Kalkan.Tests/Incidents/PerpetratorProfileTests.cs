namespace Kalkan.Tests.Incidents;

public class PerpetratorProfileTests
{
    [Theory, Stores]
    public async Task A_known_badge_or_plate_suggests_linking_and_the_profile_shows_its_pattern(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var (defender, _) = await kalkan.MemberAsync("defender");
        var first = await documenter.RecordIdAsync(IncidentSamples.Incident(occurredOn: "2026-03", victim: "Aizada", badge: "KG 4471", plate: "01 KG 123 ABC"));
        var profile = (await documenter.IncidentAsync(first)).GetProperty("perpetrators")[0].GetProperty("profile").GetGuid();

        // The same badge typed differently, the same plate typed with Cyrillic letters.
        var second = await documenter.RecordAsync(IncidentSamples.Incident(occurredOn: "2026-05-14", victim: "Nurgul", badge: "kg-4471", plate: "01 kg 123АВС"));
        var suggestion = Assert.Single(second.GetProperty("suggestions").EnumerateArray());
        Assert.Equal(profile, suggestion.GetProperty("profile").GetGuid());
        Assert.Equal(0, suggestion.GetProperty("perpetrator").GetInt32());
        Assert.Equal(["badge", "vehiclePlate"], suggestion.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));

        // The documenter accepts: her draft now names the known profile.
        var linked = IncidentSamples.Incident(occurredOn: "2026-05-14", victim: "Nurgul", badge: "kg-4471", plate: "01 kg 123АВС");
        linked["perpetrators"] = new[] { new { kind = "police", badge = "kg-4471", profile } };
        var secondId = second.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await documenter.PutAsJsonAsync($"/api/v1/incidents/{secondId}", linked)).StatusCode);
        await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "Someone else", badge: "999", plate: "B 1"));

        var matches = await (await documenter.PostAsJsonAsync("/api/v1/perpetrators/match", new { badge = "KG4471" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(matches.EnumerateArray(), m => m.GetProperty("profile").GetGuid() == profile);

        var view = await defender.GetFromJsonAsync<JsonElement>($"/api/v1/perpetrators/{profile}");
        Assert.Equal(2, view.GetProperty("incidents").GetInt32());
        Assert.Equal(2, view.GetProperty("victims").GetInt32());
        Assert.Equal("2026-03", view.GetProperty("firstSeen").GetString());
        Assert.Equal("2026-05-14", view.GetProperty("lastSeen").GetString());
        Assert.Equal("KG 4471", view.GetProperty("badge").GetString());
        Assert.Equal([first, secondId], view.GetProperty("incidentIds").EnumerateArray().Select(i => i.GetGuid()));

        var search = await defender.GetFromJsonAsync<JsonElement[]>($"/api/v1/incidents?perpetrator={profile}");
        Assert.Equal(2, search!.Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await documenter.GetAsync($"/api/v1/perpetrators/{profile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defender.GetAsync($"/api/v1/perpetrators/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory, Stores]
    public async Task Search_finds_incidents_by_date_span_violation_and_district(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var march = await defender.RecordIdAsync(IncidentSamples.Incident(occurredOn: "2026-03", district: "Lenin"));
        var year = await defender.RecordIdAsync(IncidentSamples.Incident(occurredOn: "2025", district: "Oktyabrsky"));
        var raid = IncidentSamples.Incident(occurredOn: "2026-06-01", district: "Lenin");
        raid["violations"] = new[] { "raid" };
        var june = await defender.RecordIdAsync(raid);

        async Task<Guid[]> Find(string query) =>
            [.. (await defender.GetFromJsonAsync<JsonElement[]>("/api/v1/incidents?" + query))!.Select(i => i.GetProperty("id").GetGuid())];

        Assert.Equal([march], await Find("from=2026-03-15&to=2026-04-30"));
        Assert.Equal([year], await Find("from=2025-07-01&to=2025-07-01"));
        Assert.Equal([june], await Find("violation=raid"));
        Assert.Equal([june, march], await Find("district=Lenin"));
        var bad = await defender.GetAsync("/api/v1/incidents?from=yesterday&violation=nonsense");
        var errors = (await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _) && errors.TryGetProperty("violation", out _));
    }
}
