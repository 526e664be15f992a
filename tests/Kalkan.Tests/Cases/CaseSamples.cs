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

    /// <summary>An incident (Aizada, badge KG 4471) and a case on it, filed by this defender.</summary>
    public static async Task<(Guid Case, Guid Incident)> FileAsync(HttpClient defender, Dictionary<string, object?>? incident = null,
        Func<Guid, Dictionary<string, object?>>? build = null)
    {
        var incidentId = await defender.RecordIdAsync(incident ?? IncidentSamples.Incident());
        var response = await defender.PostAsJsonAsync("/api/v1/cases", (build ?? (i => Case(i)))(incidentId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), incidentId);
    }

    public static async Task<JsonElement> CaseAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
