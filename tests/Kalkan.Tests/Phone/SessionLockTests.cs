using System.Text.RegularExpressions;

namespace Kalkan.Tests.Phone;

/// <summary>Sign-out ends the session; quick exit and idleness lock it until her passphrase is typed again.</summary>
public partial class SessionLockTests
{
    [Theory, Stores]
    public async Task After_sign_out_the_old_cookie_opens_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await kalkan.CreateMemberAsync("Aizada");
        var (browser, jar) = await CookieJar.SignedInAsync(kalkan, "Aizada");
        var oldCookie = jar["__Host-kalkan"];
        Assert.NotNull(oldCookie);

        // The sign-out button on every page carries its own anti-forgery token.
        var form = SignOutForm().Match(await browser.GetStringAsync("/circle"));
        Assert.True(form.Success, "no sign-out form with a token");
        var signedOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = WebUtility.HtmlDecode(form.Groups[1].Value) }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/signin", signedOut.Headers.Location?.OriginalString);

        var thief = kalkan.Api();
        thief.DefaultRequestHeaders.Add("Cookie", $"__Host-kalkan={oldCookie}");
        var page = await thief.GetAsync("/alerts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.DoesNotContain("Type your passphrase to go on.", await thief.GetStringAsync("/signin"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().WithToken(oldCookie!).GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Theory, Stores]
    public async Task Quick_exit_locks_the_session_until_her_passphrase_is_typed_again(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await kalkan.CreateMemberAsync("Aizada");
        var (browser, jar) = await CookieJar.SignedInAsync(kalkan, "Aizada");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/alerts")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/exit", null)).StatusCode); // the page's beacon

        var locked = await browser.GetAsync("/alerts");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/alerts")).StatusCode);
        var ask = await browser.GetStringAsync("/signin");
        Assert.Contains("Type your passphrase to go on.", ask);
        Assert.DoesNotContain("name=\"handle\"", ask);
        Assert.DoesNotContain("Aizada", ask);

        var wrong = await browser.SubmitAsync("/signin", new() { ["passphrase"] = "not her passphrase" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/alerts")).StatusCode);

        var lockedCookie = jar["__Host-kalkan"];
        var unlocked = await browser.SubmitAsync("/signin", new() { ["passphrase"] = Scenario.MemberPassphrase });
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/alerts")).StatusCode);
        // The locked session is gone, not reopened: its cookie stays dead.
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().WithToken(lockedCookie!).GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Theory, Stores]
    public async Task The_exit_page_itself_locks_the_session_for_a_phone_without_script(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await kalkan.CreateMemberAsync("Aizada");
        var (browser, _) = await CookieJar.SignedInAsync(kalkan, "Aizada", page: "/signin?lang=ky");

        var exit = await browser.GetStringAsync("/exit");
        Assert.Contains("lang=\"ky\"", exit);
        Assert.Contains("Эскертмелер", exit);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/alerts")).StatusCode);
    }

    [Theory, Stores]
    public async Task An_idle_browser_session_locks_but_an_api_session_does_not(Store kind)
    {
        // Idle from the first instant: every page session is locked by its next request.
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Sessions:LockAfterIdle"] = "00:00:00" });
        var (api, _) = await kalkan.MemberAsync(handle: "Aizada");
        var (browser, _) = await CookieJar.SignedInAsync(kalkan, "Aizada");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/alerts")).StatusCode);
        Assert.Contains("Type your passphrase to go on.", await browser.GetStringAsync("/signin"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [GeneratedRegex("<form method=\"post\" action=\"/signout\" class=\"signout\">[^<]*(?:<(?!/form)[^<]*)*?<input name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();
}
