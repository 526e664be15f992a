namespace Kalkan.Tests.Web;

public class PageTests
{
    [Theory, Stores]
    public async Task The_setup_page_creates_the_network_once_and_is_gone_afterwards(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, setUp: false);
        var browser = kalkan.Browser();

        var created = await browser.SubmitAsync("/setup", kalkan.SetupForm());
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("ready", await browser.StateAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kalkan.Api().PostAsync("/api/v1/session",
            System.Net.Http.Json.JsonContent.Create(new { handle = "aigul", passphrase = "a long admin passphrase" }))).StatusCode);
    }

    [Theory, Stores]
    public async Task The_setup_page_names_what_is_wrong_and_creates_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, setUp: false);
        var browser = kalkan.Browser();

        var refused = await browser.SubmitAsync("/setup", kalkan.SetupForm(adminPassphrase: "short"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("At least 10 characters.", await refused.Content.ReadAsStringAsync());
        Assert.Equal("uninitialized", await browser.StateAsync());
    }

    [Theory, Stores]
    public async Task Signing_in_on_the_page_sets_a_host_only_secure_cookie(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = kalkan.Browser();

        var signedIn = await browser.SubmitAsync("/signin", new() { ["handle"] = Scenario.AdminHandle, ["passphrase"] = Scenario.AdminPassphrase });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-kalkan="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await browser.GetAsync("/");
        Assert.Equal("/alerts", home.Headers.Location?.OriginalString);
        Assert.Contains(Scenario.AdminHandle, await browser.GetStringAsync("/account"));
    }

    [Theory, Stores]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = kalkan.Browser();
        await browser.GetAsync("/signin");

        var forged = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["handle"] = Scenario.AdminHandle,
            ["passphrase"] = Scenario.AdminPassphrase,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("__Host-kalkan="));
    }

    [Theory, Stores]
    public async Task Every_page_carries_a_strict_policy_and_a_quick_exit(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = kalkan.Browser();

        foreach (var path in new[] { "/signin", "/unseal" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("same-origin", page.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("id=\"quick-exit\"", html);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html);
        }
    }

    [Theory, Stores]
    public async Task Pages_speak_russian_and_kyrgyz_and_say_so_in_the_html_lang(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);

        foreach (var (lang, word) in new[] { ("en", "Passphrase"), ("ru", "Парольная фраза"), ("ky", "Сырсөз") })
        {
            var html = await kalkan.Browser().GetStringAsync($"/signin?lang={lang}");
            Assert.Contains($"<html lang=\"{lang}\">", html);
            Assert.Contains(word, html);
        }
        var byPhone = new HttpRequestMessage(HttpMethod.Get, "/signin");
        byPhone.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9");
        Assert.Contains("<html lang=\"ru\">", await (await kalkan.Browser().SendAsync(byPhone)).Content.ReadAsStringAsync());
    }
}
