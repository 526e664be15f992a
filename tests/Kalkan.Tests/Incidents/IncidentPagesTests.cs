namespace Kalkan.Tests.Incidents;

/// <summary>The incident pages without script: the form keeps a draft on the server, sealing, versions, linking a known badge, search and profiles.</summary>
public class IncidentPagesTests
{
    [Theory, Stores]
    public async Task A_documenter_drafts_seals_and_links_on_the_pages_and_a_defender_sees_the_pattern(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var page = await kalkan.MemberBrowserAsync("documenter", handle: "dilnoza", passphrase: "dilnoza's passphrase for tests");

        var form = await page.GetStringAsync("/incidents/new?lang=ru");
        Assert.Contains("id=\"quick-exit\"", form);
        Assert.Contains("Записать случай", form);
        var bad = await SendAsync(page, "/incidents/new", Fields("last week", "draft"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("occurredOn", await bad.Content.ReadAsStringAsync());
        Assert.Contains("He took my phone", await bad.Content.ReadAsStringAsync()); // what she typed is still there

        var draft = await SendAsync(page, "/incidents/new", Fields("2026-10-03", "draft"));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var location = draft.Headers.Location!.OriginalString;
        Assert.EndsWith("?saved=draft", location);
        var path = location[..location.IndexOf('?')];
        var shown = await page.GetStringAsync(path + "?lang=en");
        Assert.Contains("He took my phone", shown);
        Assert.Contains("data-state=\"draft\"", shown);
        var edit = await page.GetStringAsync(path + "/edit");
        Assert.Contains("value=\"2026-10-03\"", edit);
        Assert.Contains(">He took my phone and asked for money.</textarea>", edit);

        var sealedPage = await page.SubmitAsync(path + "?handler=Seal", new());
        Assert.Equal(HttpStatusCode.Redirect, sealedPage.StatusCode);
        shown = await page.GetStringAsync(path);
        Assert.Contains("data-state=\"sealed\"", shown);
        Assert.Contains("Fingerprint (SHA-256)", shown);

        // A second incident names the same badge, spelled differently: the page offers the link.
        var second = await SendAsync(page, "/incidents/new", Fields("2026-11", "seal", badge: "kg4471", victim: "Nurgul"));
        var secondPath = second.Headers.Location!.OriginalString.Split('?')[0];
        shown = await page.GetStringAsync(secondPath);
        Assert.Contains("Link to it", shown);
        var profile = System.Text.RegularExpressions.Regex.Match(shown, "name=\"profile\" value=\"([^\"]+)\"").Groups[1].Value;
        var slot = new Dictionary<string, string> { ["slot"] = "0", ["profile"] = profile };
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(secondPath + "?handler=Link", slot)).StatusCode);
        shown = await page.GetStringAsync(secondPath);
        Assert.Contains("data-version=\"2\"", shown);
        Assert.DoesNotContain("Link to it", shown);

        var search = await page.GetStringAsync("/incidents?violation=extortion&from=2026-10-01");
        Assert.Contains(path, search);
        Assert.Contains(secondPath, search);

        var defender = await kalkan.SignedInBrowserAsync(Scenario.AdminHandle, Scenario.AdminPassphrase);
        var pattern = await defender.GetStringAsync($"/perpetrators/{profile}");
        Assert.Contains("data-count=\"incidents\">2<", pattern);
        Assert.Contains("data-count=\"victims\">2<", pattern);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.GetAsync($"/perpetrators/{profile}")).StatusCode);
    }

    static List<KeyValuePair<string, string>> Fields(string date, string action, string badge = "KG 4471", string victim = "Aizada") =>
    [
        new("Input.OccurredOn", date), new("Input.District", "Lenin"), new("Input.Place", "the market"),
        new("Input.Violations", "arbitrary_arrest"), new("Input.Violations", "extortion"), new("Input.Details[extortion]", "5000 som"),
        new("Input.Narrative", "He took my phone and asked for money."), new("Input.Victims[0]", victim), new("Input.DefenderVictims", "0"),
        new("Input.PerpetratorKind", "police"), new("Input.Badge", badge), new("Input.Aggregate", "true"), new("Input.Aggregate", "false"),
        new("Input.Advocacy", "false"), new("Input.Legal", "false"), new("action", action),
    ];

    static async Task<HttpResponseMessage> SendAsync(HttpClient browser, string path, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__af", Forms.AntiForgeryToken(await browser.GetStringAsync(path))));
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }
}
