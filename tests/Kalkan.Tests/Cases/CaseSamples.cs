using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cases;

/// <summary>A case as a defender files it, built on one incident, and the calls the case tests share.</summary>
public static class CaseSamples
{
    public static Dictionary<string, object?> Case(Guid incident, string complainant = "Aizada", string helper = "Organiser B",
        string? member = null, string[]? assignees = null, string title = "Complaint against patrol unit 3", string? notes = null) => new()
    {
        ["title"] = title,
        ["body"] = "prosecutor",
        ["incidents"] = new[] { incident },
        ["complainants"] = new[] { new { pseudonym = complainant, member } },
        ["helpers"] = new[] { new { pseudonym = helper } },
        ["assignees"] = assignees ?? [],
        ["notes"] = notes,
    };

    /// <summary>An incident naming only its victim and its own perpetrator (no witnesses), so no case's watch hears of another.</summary>
    public static Dictionary<string, object?> LoneIncident(string victim = "Nurgul", string badge = "KG 9000", string plate = "08 KG 777 XYZ")
    {
        var incident = IncidentSamples.Incident(victim: victim, badge: badge, plate: plate);
        incident["witnesses"] = Array.Empty<object>();
        return incident;
    }

    /// <summary>An incident (Aizada, badge KG 4471) and a case on it, filed by this defender.</summary>
    public static async Task<(Guid Case, Guid Incident)> FileAsync(HttpClient defender, Dictionary<string, object?>? incident = null,
        Func<Guid, Dictionary<string, object?>>? build = null)
    {
        var incidentId = await defender.RecordIdAsync(incident ?? IncidentSamples.Incident());
        var response = await defender.PostAsJsonAsync("/api/v1/cases", (build ?? (i => Case(i)))(incidentId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), incidentId);
    }

    /// <summary>A new defender and a case she filed (<see cref="FileAsync"/>): the case's own defender, who may see all of it.</summary>
    public static async Task<(HttpClient Defender, Guid Case)> HandlingDefenderAsync(KalkanFactory kalkan)
    {
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (id, _) = await FileAsync(defender);
        return (defender, id);
    }

    public static async Task<JsonElement> CaseAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
