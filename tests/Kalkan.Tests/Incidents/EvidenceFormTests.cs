using System.Net.Http.Headers;

namespace Kalkan.Tests.Incidents;

/// <summary>Evidence added from the incident page's form, streamed like the API's, behind the anti-forgery check.</summary>
public class EvidenceFormTests
{
    static MultipartFormDataContent Form(string? token, byte[] file, string type, string name = "photo.jpg")
    {
        var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__af");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(content, "file", name);
        return form;
    }

    [Theory, Stores]
    public async Task A_documenter_adds_a_photo_from_the_incident_page_and_sees_its_hash_while_a_forged_or_refused_upload_stores_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync("documenter", handle: "Amina");
        var id = await api.RecordIdAsync(IncidentSamples.Incident());
        var browser = await kalkan.SignedInBrowserAsync("Amina");
        var page = await browser.GetStringAsync($"/incidents/{id}");
        Assert.Contains("data-evidence-upload", page);
        var token = Forms.AntiForgeryToken(page);
        var jpeg = Jpeg.WithGps("canary-gps-42.8765N", "pixels-of-the-form");

        // Without the anti-forgery field first, or with a type the store refuses: nothing is stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/incidents/{id}/evidence", Form("forged", jpeg, "image/jpeg"))).StatusCode);
        var refused = await browser.PostAsync($"/incidents/{id}/evidence", Form(token, "MZ not a photo"u8.ToArray(), "image/jpeg"));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("evidence=refused", refused.Headers.Location!.ToString());
        Assert.DoesNotContain("data-evidence=", await browser.GetStringAsync($"/incidents/{id}"));

        var added = await browser.PostAsync($"/incidents/{id}/evidence", Form(token, jpeg, "image/jpeg"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var back = await browser.GetStringAsync(added.Headers.Location!.ToString());
        Assert.Contains("role=\"status\"", back);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(jpeg)), back);

        // Another documenter's form gets the missing id's 404, and adds nothing.
        var other = await kalkan.MemberBrowserAsync("documenter", handle: "Other");
        var otherToken = Forms.AntiForgeryToken(await other.GetStringAsync("/incidents/new"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/incidents/{id}/evidence", Form(otherToken, jpeg, "image/jpeg"))).StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(await browser.GetStringAsync($"/incidents/{id}"), "data-evidence=\""));
    }
}
