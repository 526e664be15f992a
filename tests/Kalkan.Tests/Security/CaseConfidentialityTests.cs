using Kalkan.Tests.Cases;
using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Security;

/// <summary>
/// Who stands behind a complaint is what a perpetrator wants most. A defender who does not handle a
/// case tries every case call and page; she learns that the case exists, its body, status and
/// perpetrator, never a complainant's or helper's pseudonym or handle. Anyone else learns nothing.
/// </summary>
public class CaseConfidentialityTests
{
    static readonly string[] Secrets = ["Zarina-Complainant", "Organiser-Helper", "zarina-phone"];

    [Theory, Stores]
    public async Task A_defender_not_assigned_cannot_learn_the_complainants_or_helpers_by_any_call_or_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, _) = await kalkan.MemberAsync("defender");
        var (outsider, _) = await kalkan.MemberAsync("defender", handle: "outsider-defender");
        await kalkan.MemberAsync("member", handle: "zarina-phone");
        var (id, _) = await CaseSamples.FileAsync(handling,
            build: i => CaseSamples.Case(i, complainant: "Zarina-Complainant", helper: "Organiser-Helper", member: "zarina-phone"));
        await handling.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20" });
        await handling.RecordIdAsync(IncidentSamples.Incident(victim: "Zarina-Complainant"));
        await using var stream = await EventStreamClient.OpenAsync(outsider);

        var outline = await outsider.CaseAsync(id);
        Assert.Equal("filed", outline.GetProperty("status").GetString());
        Assert.Equal("prosecutor", outline.GetProperty("body").GetString());
        Assert.Equal("police", outline.GetProperty("perpetrators")[0].GetProperty("kind").GetString());
        Assert.False(outline.GetProperty("assigned").GetBoolean());
        foreach (var hidden in new[] { "complainants", "helpers", "incidents", "assignees", "notes", "warnings", "watch" })
            Assert.False(outline.TryGetProperty(hidden, out _), hidden);

        var answers = new List<string> { outline.GetRawText() };
        foreach (var path in new[] { "/api/v1/cases", "/api/v1/cases/mine", $"/api/v1/cases/{id}" })
            answers.Add(await (await outsider.GetAsync(path)).Content.ReadAsStringAsync());
        foreach (var (path, body) in new (string, object)[]
        {
            ($"/api/v1/cases/{id}/status", new { status = "closed", on = "2026-10-21" }),
            ($"/api/v1/cases/{id}/assignees", new { handle = "outsider-defender" }),
            ($"/api/v1/cases/{id}/warnings/{Guid.NewGuid()}/acknowledge", new { }),
        })
        {
            var refused = await outsider.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            answers.Add(await refused.Content.ReadAsStringAsync());
        }
        Assert.False((await outsider.CaseAsync(id)).GetProperty("assigned").GetBoolean());
        Assert.Equal("filed", (await handling.CaseAsync(id)).GetProperty("status").GetString());

        var browser = await kalkan.SignedInBrowserAsync("outsider-defender");
        foreach (var page in new[] { "/cases", $"/cases/{id}", "/cases/mine" })
        {
            var shown = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            answers.Add(await shown.Content.ReadAsStringAsync());
        }
        Assert.True(await stream.QuietAsync("retaliation", TimeSpan.FromSeconds(1)));

        foreach (var answer in answers)
            foreach (var secret in Secrets)
                Assert.DoesNotContain(secret, answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Stores]
    public async Task Members_documenters_and_researchers_get_the_same_404_as_for_a_case_that_does_not_exist(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        var admin = await kalkan.AdminAsync();
        Assert.Equal("Aizada", (await admin.CaseAsync(id)).GetProperty("complainants")[0].GetProperty("pseudonym").GetString());

        foreach (var role in new[] { "member", "documenter", "researcher" })
        {
            var (client, _) = await kalkan.MemberAsync(role);
            var real = await client.GetAsync($"/api/v1/cases/{id}");
            var missing = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
            var (a, b) = (await real.ProblemAsync(HttpStatusCode.NotFound), await missing.ProblemAsync());
            Assert.Equal(b.GetProperty("title").GetString(), a.GetProperty("title").GetString());
            Assert.Equal(b.EnumerateObject().Select(p => p.Name).Order(), a.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed", on = "2026-10-21" })).StatusCode);
        }
    }
}
