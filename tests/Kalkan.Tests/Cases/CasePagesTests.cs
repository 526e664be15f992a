using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cases;

public class CasePagesTests
{
    [Theory, Stores]
    public async Task A_complainant_reads_where_her_case_stands_in_each_of_the_six_languages(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        await kalkan.MemberAsync("member", handle: "aizada-phone");
        var (id, _) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, member: "aizada-phone"));
        await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20" });
        var browser = await kalkan.SignedInBrowserAsync("aizada-phone");

        foreach (var (lang, sent) in new[]
        {
            ("en", "Your complaint has been sent."), ("ru", "Жалоба отправлена."), ("ky", "Арызыңыз жөнөтүлдү."),
            ("sw", "Malalamiko yako yametumwa."), ("my", "သင့်တိုင်ကြားချက် ပို့ပြီးပါပြီ။"), ("es", "Tu denuncia fue enviada."),
        })
        {
            var page = await browser.GetAsync($"/cases/mine?lang={lang}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains($"<html lang=\"{lang}\"", html);
            Assert.Contains(sent, html);
            Assert.Contains("id=\"quick-exit\"", html);
            Assert.Contains($"data-case=\"{id}\"", html);
            Assert.DoesNotContain("Organiser B", html);
        }
    }

    [Theory, Stores]
    public async Task A_defender_finds_her_case_in_the_list_and_moves_its_status_on_its_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "dinara");
        var (id, _) = await CaseSamples.FileAsync(defender);
        var browser = await kalkan.SignedInBrowserAsync("dinara");

        var list = await browser.GetStringAsync("/cases");
        Assert.Contains($"data-case=\"{id}\" data-assigned=\"true\"", list);
        Assert.Contains("Complaint against patrol unit 3", list);
        var page = await browser.GetStringAsync($"/cases/{id}");
        Assert.Contains("Aizada", page);

        var moved = await browser.SubmitAsync($"/cases/{id}", new() { ["status"] = "filed", ["on"] = "2026-10-20" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("data-status=\"filed\"", await browser.GetStringAsync($"/cases/{id}"));
        var refused = await browser.SubmitAsync($"/cases/{id}", new() { ["status"] = "filed", ["on"] = "tomorrow" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("on:", await refused.Content.ReadAsStringAsync());
    }

    [Theory, Stores]
    public async Task A_defender_opens_a_case_from_an_incidents_page_and_a_refusal_keeps_what_she_typed(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "dinara");
        var incident = await defender.RecordIdAsync(Kalkan.Tests.Incidents.IncidentSamples.Incident());
        var browser = await kalkan.SignedInBrowserAsync("dinara");

        Assert.Contains($"href=\"/cases?incident={incident}#new-case\"", await browser.GetStringAsync($"/incidents/{incident}?lang=ru"));
        var form = await browser.GetStringAsync($"/cases?incident={incident}&lang=ru");
        Assert.Contains($"value=\"{incident}\"", form);
        Assert.Contains("Открыть дело", form);
        await browser.GetStringAsync("/cases?lang=en");

        var fields = new Dictionary<string, string> { ["title"] = "Complaint against unit 7", ["body"] = "ombudsman", ["incident"] = incident.ToString(), ["complainant"] = "" };
        var refused = await browser.SubmitAsync($"/cases?incident={incident}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Complaint against unit 7\"", page);
        Assert.Contains("Complainants: Required.", page);
        Assert.Empty(await defender.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/v1/cases") ?? []);

        fields["complainant"] = "Aizada";
        var opened = await browser.SubmitAsync($"/cases?incident={incident}", fields);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var shown = await browser.GetStringAsync(opened.Headers.Location!.ToString());
        Assert.Contains("Complaint against unit 7", shown);
        Assert.Contains("Aizada", shown);
    }
}
