using Kalkan.Incidents;

namespace Kalkan.Tests.Incidents;

public class IncidentRecordTests
{
    [Theory, Stores]
    public async Task A_documenter_records_an_incident_and_reads_back_every_part_of_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, documenterId) = await kalkan.MemberAsync("documenter");
        var id = await documenter.RecordIdAsync(IncidentSamples.Incident(occurredOn: "2026-09"));

        var incident = await documenter.IncidentAsync(id);
        Assert.Equal(id, incident.GetProperty("id").GetGuid());
        Assert.Equal("2026-09", incident.GetProperty("occurredOn").GetString());
        Assert.Equal("month", incident.GetProperty("datePrecision").GetString());
        Assert.Equal("behind the bus station", incident.GetProperty("place").GetString());
        Assert.Equal(42.87, incident.GetProperty("lat").GetDouble());
        Assert.Equal("Oktyabrsky", incident.GetProperty("district").GetString());
        Assert.Equal(["arbitrary_arrest", "extortion"], incident.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("asked for 5000 som", incident.GetProperty("acts")[1].GetProperty("details").GetString());
        Assert.Equal("He took her phone and demanded money.", incident.GetProperty("narrative").GetString());
        Assert.Equal("Aizada", incident.GetProperty("victims")[0].GetProperty("pseudonym").GetString());
        Assert.Equal("Organiser B", incident.GetProperty("witnesses")[0].GetProperty("pseudonym").GetString());
        var perpetrator = incident.GetProperty("perpetrators")[0];
        Assert.Equal(("police", "KG 4471", "01 KG 123 ABC", "Patrol unit 3"), (perpetrator.GetProperty("kind").GetString(),
            perpetrator.GetProperty("badge").GetString(), perpetrator.GetProperty("vehiclePlate").GetString(), perpetrator.GetProperty("unit").GetString()));
        Assert.Equal("complaint_support", incident.GetProperty("trigger").GetString());
        var consent = incident.GetProperty("consent");
        Assert.True(consent.GetProperty("aggregate").GetBoolean());
        Assert.False(consent.GetProperty("advocacy").GetBoolean());
        Assert.Equal(documenterId, consent.GetProperty("recordedBy").GetGuid());
        Assert.Equal("draft", incident.GetProperty("state").GetString());
    }

    [Theory, Stores]
    public async Task A_sealed_incident_refuses_changes_and_a_correction_is_a_new_version_that_keeps_the_old(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);

        // A draft changes in place.
        var edited = await documenter.PutAsJsonAsync($"/api/v1/incidents/{id}", IncidentSamples.Incident(narrative: "first words, corrected while a draft"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await documenter.PostAsync($"/api/v1/incidents/{id}/seal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await documenter.PostAsync($"/api/v1/incidents/{id}/seal", null)).StatusCode);

        var refused = await documenter.PutAsJsonAsync($"/api/v1/incidents/{id}", IncidentSamples.Incident(narrative: "rewritten"));
        Assert.Equal(409, (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("status").GetInt32());

        var correction = IncidentSamples.Incident(occurredOn: "2026-10-02", narrative: "It was the day before.");
        correction["correction"] = "the victim remembered the date better";
        correction["seal"] = true;
        var corrected = await documenter.PostAsJsonAsync($"/api/v1/incidents/{id}/versions", correction);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);

        var latest = await documenter.IncidentAsync(id);
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal("2026-10-02", latest.GetProperty("occurredOn").GetString());
        Assert.Equal("the victim remembered the date better", latest.GetProperty("correction").GetString());
        Assert.Equal([1, 2], latest.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var first = await documenter.IncidentAsync(id, 1);
        Assert.Equal("first words, corrected while a draft", first.GetProperty("narrative").GetString());
        Assert.Equal("sealed", first.GetProperty("state").GetString());
        Assert.Equal(64, first.GetProperty("fingerprint").GetString()!.Length);
    }

    [Theory, Stores]
    public async Task A_person_keeps_one_pseudonym_across_incidents_however_it_is_typed(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var first = await documenter.IncidentAsync(await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "Aizada")));
        var second = await documenter.IncidentAsync(await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "  aizada ")));
        var other = await documenter.IncidentAsync(await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "Nurgul")));
        var person = first.GetProperty("victims")[0].GetProperty("person").GetGuid();
        Assert.Equal(person, second.GetProperty("victims")[0].GetProperty("person").GetGuid());
        Assert.NotEqual(person, other.GetProperty("victims")[0].GetProperty("person").GetGuid());
    }

    [Theory, Stores]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var cases = new (string Field, Action<Dictionary<string, object?>> Spoil)[]
        {
            ("occurredOn", i => i["occurredOn"] = "2026-02-30"),
            ("occurredOn", i => i["occurredOn"] = "2999-01-01"),
            ("occurredOn", i => i["occurredOn"] = "last tuesday"),
            ("violations[0]", i => i["violations"] = new[] { "looked_at_me" }),
            ("violations", i => i["violations"] = Array.Empty<string>()),
            ("perpetrators[0].kind", i => i["perpetrators"] = new[] { new { kind = "alien" } }),
            ("perpetrators[0].profile", i => i["perpetrators"] = new[] { new { kind = "police", profile = Guid.NewGuid() } }),
            ("victims[0].pseudonym", i => i["victims"] = new[] { new { pseudonym = " " } }),
            ("trigger", i => i["trigger"] = "being_visible"),
            ("consent", i => i["consent"] = new { aggregate = true }),
            ("lat", i => i["lat"] = 91),
            ("lat", i => i["lat"] = "north"),
        };
        foreach (var (field, spoil) in cases)
        {
            var incident = IncidentSamples.Incident();
            spoil(incident);
            var response = await documenter.PostAsJsonAsync("/api/v1/incidents", incident);
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named: {problem}");
        }
        await using var scope = kalkan.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        Assert.Equal(0, await db.Set<Incident>().CountAsync());
        Assert.Equal(0, await db.Set<Pseudonym>().CountAsync());
        Assert.Equal(0, await db.Set<PerpetratorProfile>().CountAsync());
    }
}
