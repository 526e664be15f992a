using Kalkan.Audit;
using Kalkan.Cases;

namespace Kalkan.Tests.Cases;

public class CaseDossierTests
{
    [Theory, Stores]
    public async Task A_cases_own_defender_exports_its_dossier_with_history_people_and_perpetrator_and_the_export_is_audited(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        var (other, _) = await kalkan.MemberAsync("defender");
        await handling.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20", note = "Registered under no. 114" });
        await CaseDocumentTests.UploadAsync(handling, id, "Receipt of the complaint", "receipt.txt", "sent");

        var html = await handling.GetAsync($"/api/v1/cases/{id}/dossier?format=html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single());
        var text = await html.Content.ReadAsStringAsync();
        foreach (var expected in new[] { "Complaint against patrol unit 3", "Aizada", "Organiser B", "KG 4471", "Registered under no. 114", "2026-10-20", "receipt.txt" })
            Assert.Contains(expected, text);
        Assert.Contains("Complainants and helpers", text);
        // In the reader's language: headings, statuses and roles.
        var russian = await (await handling.GetAsync($"/api/v1/cases/{id}/dossier?format=html&lang=ru")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ru\"", russian);
        foreach (var expected in new[] { "Заявительницы и помощницы", "заявительница", "Досье дела", "Aizada" })
            Assert.Contains(expected, russian);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{id}/dossier")).StatusCode);
        var bad = await handling.GetAsync($"/api/v1/cases/{id}/dossier?format=docx");
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("format", out _));

        var pdf = await handling.GetAsync($"/api/v1/cases/{id}/dossier?format=pdf");
        if (File.Exists("/usr/bin/chromium"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }
        else Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);

        await using var scope = kalkan.Services.CreateAsyncScope();
        var subject = scope.ServiceProvider.GetRequiredService<AuditChain>().SubjectOf(id);
        Assert.True(await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<AuditEntry>().AnyAsync(e => e.Action == CaseActions.Exported && e.Subject == subject));
    }
}
