using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Security;

/// <summary>
/// A dossier holds everything an incident says: whoever may not read the incident gets exactly the
/// missing id's 404 for its dossier too, as HTML and as PDF, and no export is recorded for them.
/// </summary>
public class DossierAccessTests
{
    [Theory, Stores]
    public async Task Only_those_who_may_read_an_incident_get_its_dossier_and_everyone_else_gets_the_missing_ids_404(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (author, _) = await kalkan.MemberAsync("documenter");
        var id = await author.RecordIdAsync(IncidentSamples.Incident(narrative: "dossier-canary-narrative", seal: true));
        var admin = await kalkan.AdminAsync();
        var missing = Guid.NewGuid();

        foreach (var (who, client) in new Dictionary<string, HttpClient> { ["her documenter"] = author, ["a defender"] = (await kalkan.MemberAsync("defender")).Client, ["an admin"] = admin })
        {
            var response = await client.GetAsync($"/api/v1/incidents/{id}/dossier");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who}: {(int)response.StatusCode}");
            Assert.Contains("dossier-canary-narrative", await response.Content.ReadAsStringAsync());
        }
        var exports = Exports(await admin.GetStringAsync($"/api/v1/incidents/{id}/dossier"));

        var outsiders = new Dictionary<string, HttpClient>
        {
            ["another documenter"] = (await kalkan.MemberAsync("documenter")).Client,
            ["a researcher"] = (await kalkan.MemberAsync("researcher")).Client,
            ["a member"] = (await kalkan.MemberAsync("member")).Client,
        };
        foreach (var (who, client) in outsiders)
            foreach (var path in new[] { "dossier", "dossier.pdf" })
            {
                var expected = await (await client.GetAsync($"/api/v1/incidents/{missing}/{path}")).Content.ReadAsStringAsync();
                var response = await client.GetAsync($"/api/v1/incidents/{id}/{path}");
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who} on {path}: {(int)response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("dossier-canary", body);
                Assert.Equal(WithoutTrace(expected), WithoutTrace(body));
            }
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().GetAsync($"/api/v1/incidents/{id}/dossier")).StatusCode);

        // The refused attempts left no export in the chain: the next dossier shows exactly one more, its own.
        Assert.Equal(exports + 1, Exports(await admin.GetStringAsync($"/api/v1/incidents/{id}/dossier")));
    }

    static int Exports(string html) => html.Split("<td>incident.exported</td>").Length - 1;

    static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}
