namespace Kalkan.Tests.Incidents;

/// <summary>Incidents as a documenter sends them, and the calls the incident tests share.</summary>
public static class IncidentSamples
{
    public static Dictionary<string, object?> Incident(string occurredOn = "2026-10-03", string victim = "Aizada", string badge = "KG 4471",
        string plate = "01 KG 123 ABC", string narrative = "He took her phone and demanded money.", string district = "Oktyabrsky", bool seal = false) => new()
    {
        ["occurredOn"] = occurredOn,
        ["place"] = "behind the bus station",
        ["lat"] = 42.87,
        ["lon"] = 74.59,
        ["district"] = district,
        ["violations"] = new object[] { "arbitrary_arrest", new { code = "extortion", details = "asked for 5000 som" } },
        ["narrative"] = narrative,
        ["victims"] = new[] { new { pseudonym = victim, defender = true } },
        ["witnesses"] = new[] { new { pseudonym = "Organiser B" } },
        ["perpetrators"] = new[] { new { kind = "police", unit = "Patrol unit 3", description = "tall, grey jacket", badge, vehiclePlate = plate } },
        ["trigger"] = "complaint_support",
        ["consent"] = new { aggregate = true, advocacy = false, legal = true },
        ["seal"] = seal,
    };

    /// <summary>A new documenter and an incident she recorded (<see cref="Incident"/>, as it is).</summary>
    public static async Task<(HttpClient Documenter, Guid Incident)> DocumenterWithIncidentAsync(KalkanFactory kalkan)
    {
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        return (documenter, await documenter.RecordIdAsync(Incident()));
    }

    public static async Task<JsonElement> RecordAsync(this HttpClient client, object incident)
    {
        var response = await client.PostAsJsonAsync("/api/v1/incidents", incident);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> RecordIdAsync(this HttpClient client, object incident) =>
        (await client.RecordAsync(incident)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> IncidentAsync(this HttpClient client, Guid id, int? version = null)
    {
        var response = await client.GetAsync(version is null ? $"/api/v1/incidents/{id}" : $"/api/v1/incidents/{id}/versions/{version}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
