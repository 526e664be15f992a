using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>
/// A member's whole journey on a 360x740 phone over the throttled 2G link: join by link, a live
/// alert at the top, report, confirm, SOS, set and miss a check-in, lose the connection and come
/// back, quick exit and Back. Screenshots go to journey/ in the test output folder.
/// </summary>
public class JourneyTests
{
    const string Passphrase = "aizada's passphrase for tests";
    static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "journey");

    [Fact]
    public async Task A_member_joins_is_warned_reports_calls_for_help_checks_in_goes_offline_and_leaves_in_a_second()
    {
        await using var stage = await PhoneStage.OpenAsync();
        var other = await stage.MemberApiAsync("other", "other member's passphrase");
        var invite = await (await stage.Admin.PostAsJsonAsync("/api/v1/invites", new { role = "member" })).Content.ReadFromJsonAsync<JsonElement>();
        Directory.CreateDirectory(Shots);

        var context = await stage.Browser.NewPhoneAsync(at: new Geolocation { Latitude = 42.8700f, Longitude = 74.5900f });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        await page.GotoAsync("data:text/html,<title>elsewhere</title><p>elsewhere</p>");
        await page.ThrottleTo2GAsync();

        // Join by the link a defender gave her.
        await page.GotoAsync(stage.Url("/join?code=" + Uri.EscapeDataString(invite.GetProperty("code").GetString()!)));
        await page.FillAsync("input[name=handle]", "Aizada");
        await page.FillAsync("input[name=passphrase]", Passphrase);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/alerts");
        await Shot(page, "01-joined");

        // Burmese renders with a real font (fonts-noto-core), not as boxes for missing glyphs.
        await page.ClickAsync("a[lang=my]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'my'");
        var widths = await page.EvaluateAsync<double[]>(@"() => {
            const c = document.createElement('canvas').getContext('2d'), text = 'သတိပေးချက်များ';
            c.font = getComputedStyle(document.body).font;
            return [c.measureText(text).width, c.measureText('\uE000'.repeat(text.length)).width]; }");
        Assert.NotEqual(widths[0], widths[1]);
        await Shot(page, "02-burmese");
        await page.ClickAsync("a[lang=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.live");

        // A live alert arrives: announced at the top, first in the list.
        Assert.True((await other.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.8705, lon = 74.5905, note = "two vans" })).IsSuccessStatusCode);
        var banner = await page.WaitForSelectorAsync("#new-alert:not([hidden])");
        Assert.Contains("Raid", await banner!.InnerTextAsync());
        Assert.StartsWith("(1)", await page.TitleAsync());
        Assert.Contains("Raid", await page.InnerTextAsync("#alert-list li.alert:first-child"));
        Assert.True(await page.EvaluateAsync<double>("() => document.querySelector('#alert-list li.alert').getBoundingClientRect().top") < 740);
        await Shot(page, "03-live-alert");

        // Confirm it without losing her place.
        await page.ClickAsync("#alert-list li.alert:first-child form.confirm button");
        await page.WaitForSelectorAsync("#alert-list li.alert:first-child .mine[role=status]");
        Assert.DoesNotContain("done=", page.Url); // no reload to the top

        // Report: one tap opens the form; her position fills the place.
        await page.ReportAsync("checkpoint");
        await page.WaitForSelectorAsync("p.notice[role=status]");
        await Shot(page, "04-reported");

        // SOS: the red control at the top, then the big button.
        await page.ClickAsync("header a.sos-link");
        await page.WaitForURLAsync("**/sos");
        await page.ClickAsync("button.sos-button");
        await page.WaitForURLAsync("**/sos?id=*");
        Assert.Contains("no circle yet", await page.InnerTextAsync("main"));
        await Shot(page, "05-sos");

        // A check-in, shown in her zone with the time left.
        await page.ClickAsync("nav.menu a[href='/checkin']");
        await page.WaitForURLAsync("**/checkin");
        await page.SelectOptionAsync("select[name=minutes]", "15");
        await page.ClickAsync("main form.stack button[type=submit]");
        await page.WaitForURLAsync("**/checkin?done=set");
        var due = await page.InnerTextAsync("main time[data-relative]");
        Assert.DoesNotContain("UTC", due);
        Assert.Matches(@"1[45] min", due);
        await Shot(page, "06-checkin");

        // One she misses: due in a moment (set over the API, as the page offers 15 minutes at least); the defenders hear it.
        var api = await stage.SignedInApiAsync("Aizada", Passphrase);
        Assert.True((await api.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddSeconds(2) })).IsSuccessStatusCode);
        var missed = await Poll(async () => (await stage.Admin.GetFromJsonAsync<JsonElement>("/api/v1/checkins/missed")).GetArrayLength() > 0);
        Assert.True(missed, "the missed check-in never reached the defenders");

        // The connection goes: the page says so; a report waits, shown as queued; it goes when the connection is back.
        await page.ClickAsync("nav.menu a[href='/alerts']");
        await page.WaitForURLAsync("**/alerts");
        await context.SetOfflineAsync(true);
        await page.ThrottleTo2GAsync(offline: true); // the throttled link must drop too
        await page.WaitForSelectorAsync("#queue-state:not([hidden])");
        await page.ReportAsync("patrol");
        await page.WaitForFunctionAsync("() => localStorage.getItem('kalkan-queue') !== null");
        await Shot(page, "07-offline-queued");
        await page.ThrottleTo2GAsync();
        await context.SetOfflineAsync(false);
        await page.WaitForFunctionAsync("() => localStorage.getItem('kalkan-queue') === null", null, new() { Timeout = 20000 });
        Assert.Contains((await other.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray(), a => a.GetProperty("kind").GetString() == "patrol");
        await Shot(page, "08-back-online");

        // Quick exit: Escape three times; Back leaves Kalkan; the session wants her passphrase.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForURLAsync("**/exit");
        await Shot(page, "09-exit");
        await page.GoBackAsync();
        Assert.StartsWith("data:", page.Url);
        await page.GotoAsync(stage.Url("/alerts"));
        Assert.EndsWith("/signin", page.Url);
        Assert.Null(await page.QuerySelectorAsync("input[name=handle]"));
        await Shot(page, "10-locked");

        lock (requests) Assert.All(requests.Where(u => !u.StartsWith("data:")), u => Assert.StartsWith(stage.Server.ToString().TrimEnd('/'), u));
    }

    static Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });

    /// <summary>Waits for the stage.Server's timer: asks again each half second, up to 20 s.</summary>
    static async Task<bool> Poll(Func<Task<bool>> done)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 40; i++)
        {
            if (await done()) return true;
            await timer.WaitForNextTickAsync();
        }
        return false;
    }
}
