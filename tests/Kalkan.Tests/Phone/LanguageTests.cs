using System.Xml.Linq;

namespace Kalkan.Tests.Phone;

/// <summary>Every member page, its errors and the 404 in each of the six languages, with no English key left on the page.</summary>
public class LanguageTests
{
    static readonly string[] Pages = ["/alerts", "/sos", "/checkin", "/circle", "/calls", "/account"];

    [Theory, OtherLanguages]
    public async Task No_english_key_reaches_a_member_page_in_another_language(string language)
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite);
        var (api, _) = await kalkan.MemberAsync(handle: "Aizada");
        await api.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) });
        var browser = await kalkan.SignedInBrowserAsync("Aizada", page: $"/signin?lang={language}");
        var english = EnglishKeys(language);

        foreach (var path in Pages)
        {
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains($"<html lang=\"{language}\"", page);
            var raw = english.Where(page.Contains).ToList();
            Assert.True(raw.Count == 0, $"{path} in {language} shows English: {string.Join(" | ", raw)}");
        }

        // A form's error, and the 404 as a browser sees it: a page in her language, not raw JSON.
        var refused = WebUtility.HtmlDecode(await (await browser.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "raid" })).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Where is it?", refused);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");
        var missing = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Nothing is here.", await missing.Content.ReadAsStringAsync());

        // The API's errors too, in the language the phone asks for.
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = JsonContent.Create(new { kind = "raid" }) };
        bad.Headers.AcceptLanguage.ParseAdd(language);
        var problem = await (await api.SendAsync(bad)).ProblemAsync();
        Assert.NotEqual("Some fields are not right.", problem.GetProperty("title").GetString());

        // Last, since it locks her session: the quick-exit page, neutral and in her language.
        var exit = WebUtility.HtmlDecode(await browser.GetStringAsync("/exit"));
        Assert.Contains($"<html lang=\"{language}\"", exit);
        Assert.DoesNotContain("No notes yet.", exit);
    }

    /// <summary>The English keys of the member-facing resx files whose translation differs from the key (long enough not to occur by chance).</summary>
    static List<string> EnglishKeys(string language)
    {
        var source = Path.Combine(Shared.RepoRoot(), "src", "Kalkan");
        return new[] { "Web/SharedResource", "Alerts/AlertsResource" }
            .SelectMany(r => XDocument.Load(Path.Combine(source, $"{r}.{language}.resx")).Root!.Elements("data"))
            .Select(d => (Key: (string)d.Attribute("name")!, Value: (string)d.Element("value")!))
            .Where(d => d.Key.Length >= 12 && d.Key != d.Value && !d.Key.Contains('{'))
            .Select(d => d.Key).Distinct().ToList();
    }
}
