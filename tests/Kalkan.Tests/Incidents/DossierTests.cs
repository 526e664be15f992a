using Kalkan.Tests.Documents;

namespace Kalkan.Tests.Incidents;

/// <summary>The dossier a lawyer gets for an incident: as a page to print, and as a PDF Chromium printed.</summary>
public class DossierTests
{
    /// <summary>A sealed incident corrected once (two versions), with a photo: what a complaint usually rests on.</summary>
    internal static async Task<(Guid Id, string PhotoSha256)> CorrectedIncidentWithPhotoAsync(HttpClient documenter)
    {
        var id = await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "Zawadi-canary-7731", narrative: "narrative-canary-first He took her phone.", seal: true));
        var correction = IncidentSamples.Incident(victim: "Zawadi-canary-7731", occurredOn: "2026-10-02", narrative: "narrative-canary-second It was the day before.");
        correction["correction"] = "the victim remembered the date better";
        correction["seal"] = true;
        Assert.Equal(HttpStatusCode.Created, (await documenter.PostAsJsonAsync($"/api/v1/incidents/{id}/versions", correction)).StatusCode);
        var jpeg = Jpeg.WithGps("canary-gps-42.8765N", "pixels");
        Assert.Equal(HttpStatusCode.Created, (await documenter.PostAsync($"/api/v1/incidents/{id}/evidence", Jpeg.Content(jpeg))).StatusCode);
        return (id, Convert.ToHexStringLower(SHA256.HashData(jpeg)));
    }

    [Theory, Stores]
    public async Task A_defender_gets_every_version_the_perpetrators_pattern_the_evidence_hashes_consent_and_an_intact_audit_excerpt(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var (id, photo) = await CorrectedIncidentWithPhotoAsync(documenter);
        var incident = await documenter.IncidentAsync(id);
        var (defender, _) = await kalkan.MemberAsync("defender");

        var response = await defender.GetAsync($"/api/v1/incidents/{id}/dossier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Version 1 of 2", html);
        Assert.Contains("Version 2 of 2", html);
        Assert.Contains("narrative-canary-first", html);
        Assert.Contains("narrative-canary-second", html);
        Assert.Contains("the victim remembered the date better", html);
        Assert.Contains("Zawadi-canary-7731 (defender)", html);
        Assert.Contains("KG 4471", html);
        Assert.Contains(photo, html);
        Assert.Contains(incident.GetProperty("fingerprint").GetString()!, html);
        Assert.Contains("used in a legal complaint</dt><dd>yes", html);
        // The pattern: one profile, named by the one incident (both versions are one incident), one victim.
        var profile = incident.GetProperty("perpetrators")[0].GetProperty("profile").GetGuid();
        Assert.Matches($"<td class=\"code\">{profile}</td><td>police</td><td>KG 4471</td><td>01 KG 123 ABC</td><td>1</td><td>1</td><td>2026-10-02</td><td>2026-10-02</td>", html);
        // The chain: its entries about this incident, each linking, the export itself the latest of them.
        Assert.Contains("every entry links", html);
        foreach (var action in new[] { "incident.created", "incident.sealed", "incident.versioned", "evidence.added", "incident.exported" })
            Assert.Contains($"<td>{action}</td>", html);
        Assert.DoesNotContain("<td>no</td></tr>", html);
        Assert.Equal("incident.exported", System.Text.RegularExpressions.Regex.Matches(html, "<td>([a-z]+\\.[a-z]+)</td>")[^1].Groups[1].Value);

        // A second export is itself in the chain.
        var again = await defender.GetStringAsync($"/api/v1/incidents/{id}/dossier");
        Assert.Equal(2, again.Split("<td>incident.exported</td>").Length - 1);
    }

    [Theory, Stores]
    public async Task Her_documenter_gets_her_dossier_in_her_language_without_the_networks_patterns(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var (id, _) = await CorrectedIncidentWithPhotoAsync(documenter);

        var html = await documenter.GetStringAsync($"/api/v1/incidents/{id}/dossier?lang=ru");
        Assert.Contains("<html lang=\"ru\">", html);
        Assert.Contains("Досье случая", html);
        Assert.Contains("Версия 2 из 2", html);
        Assert.Contains("есть в досье, которые составляют защитники", html);
        Assert.DoesNotContain("<td>1</td><td>1</td><td>2026-10-02</td>", html);
    }

    [Fact]
    public async Task The_PDF_dossier_is_printed_by_Chromium_with_the_incidents_words_and_no_narrative_reaches_the_log()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var (id, photo) = await CorrectedIncidentWithPhotoAsync(documenter);

        var response = await documenter.GetAsync($"/api/v1/incidents/{id}/dossier.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = PdfText.Extract(pdf);
        Assert.Contains("Zawadi-canary-7731", text);
        Assert.Contains("narrative-canary-second", text);
        Assert.Contains(photo[..16], text);

        // Nothing of the export is left in the data folder's tmp, and the log names none of it.
        var tmp = Path.Combine(kalkan.Store.DataDir, "tmp");
        Assert.True(!Directory.Exists(tmp) || !Directory.EnumerateFiles(tmp, "*", SearchOption.AllDirectories).Any());
        await using var log = new FileStream(Path.Combine(kalkan.Store.DataDir, "logs", "kalkan.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = await new StreamReader(log).ReadToEndAsync();
        Assert.Contains("Printed a PDF of", lines); // the export was logged, so what is absent below was really kept out
        foreach (var secret in new[] { "narrative-canary", "Zawadi-canary", "KG 4471", "bus station", "canary-gps" }) Assert.DoesNotContain(secret, lines);
    }

    [Fact]
    public async Task Without_Chromium_the_HTML_dossier_still_works_and_the_PDF_answers_a_problem_saying_why()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, settings: new Dictionary<string, string?> { ["Documents:ChromiumPath"] = "/nonexistent/chromium" });
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);

        Assert.Equal(HttpStatusCode.OK, (await documenter.GetAsync($"/api/v1/incidents/{id}/dossier")).StatusCode);
        var response = await documenter.GetAsync($"/api/v1/incidents/{id}/dossier.pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Chromium is not installed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
