using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Security;

/// <summary>
/// Who may read an incident: its documenter, the network's defenders and admins. Everyone else,
/// another documenter and a researcher included, gets exactly the answer a missing id gets, so an
/// id tells nothing about whether an incident exists.
/// </summary>
public class IncidentAccessTests
{
    [Theory, Stores]
    public async Task Only_her_documenter_the_defenders_and_the_admins_read_an_incident_and_everyone_else_gets_the_missing_ids_404(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (author, _) = await kalkan.MemberAsync("documenter");
        var id = await author.RecordIdAsync(IncidentSamples.Incident());
        var admin = await kalkan.AdminAsync();

        var missing = WithoutTrace(await (await admin.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}")).Content.ReadAsStringAsync());
        var readers = new Dictionary<string, HttpClient>
        {
            ["her documenter"] = author,
            ["a defender"] = (await kalkan.MemberAsync("defender")).Client,
            ["an admin"] = admin,
        };
        var outsiders = new Dictionary<string, HttpClient>
        {
            ["another documenter"] = (await kalkan.MemberAsync("documenter")).Client,
            ["a researcher"] = (await kalkan.MemberAsync("researcher")).Client,
            ["a member"] = (await kalkan.MemberAsync("member")).Client,
        };
        foreach (var (who, client) in readers)
        {
            var response = await client.GetAsync($"/api/v1/incidents/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who}: {(int)response.StatusCode}");
        }
        foreach (var (who, client) in outsiders)
        {
            foreach (var path in new[] { $"/api/v1/incidents/{id}", $"/api/v1/incidents/{id}/versions/1" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who} on {path}: {(int)response.StatusCode}");
                Assert.Equal(missing, WithoutTrace(await response.Content.ReadAsStringAsync()));
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().GetAsync($"/api/v1/incidents/{id}")).StatusCode);

        // Nor may another documenter change, seal, correct or find it.
        var other = outsiders["another documenter"];
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/incidents/{id}", IncidentSamples.Incident())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/incidents/{id}/seal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/incidents/{id}/versions", IncidentSamples.Incident())).StatusCode);
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/v1/incidents") ?? []);
        Assert.Single(await readers["a defender"].GetFromJsonAsync<JsonElement[]>("/api/v1/incidents") ?? []);
    }

    /// <summary>The trace id differs per request by design; everything else must be identical.</summary>
    static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    [Theory, Stores]
    public async Task Members_and_researchers_cannot_record_incidents(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        foreach (var role in new[] { "member", "researcher" })
        {
            var (client, _) = await kalkan.MemberAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/incidents", IncidentSamples.Incident())).StatusCode);
        }
        var (defender, _) = await kalkan.MemberAsync("defender");
        Assert.Equal(HttpStatusCode.Created, (await defender.PostAsJsonAsync("/api/v1/incidents", IncidentSamples.Incident())).StatusCode);
    }
}
