using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>The defenders' console in a real browser: live map and table, verify, and the history map once alerts expire.</summary>
public class ConsolePageTests
{
    [Theory, Stores]
    public async Task A_defender_sees_a_new_alert_live_verifies_it_and_the_history_map_counts_expired_ones(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, setUp: false, settings: new Dictionary<string, string?>
        {
            ["Map:TileUrl"] = "",
            ["Alerts:Lifetime:patrol"] = "00:00:01",
            ["Alerts:SweepInterval"] = "00:00:00.200",
        });
        var server = kalkan.ServeOnLoopback();
        await kalkan.SetUpAsync();
        await using (var scope = kalkan.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Kalkan.Members.MemberAccounts>().CreateAsync("reporter", "reporter's passphrase", "member", null, CancellationToken.None);
        var member = new HttpClient { BaseAddress = server };
        member.WithToken(await member.SignInAsync("reporter", "reporter's passphrase"));
        await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.87, lon = 74.60 });

        var (playwright, browser) = await Chromium.LaunchAsync();
        await using var _ = browser;
        using var __ = playwright;
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        var errors = new List<string>();
        var hosts = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        page.Request += (_, request) => { lock (hosts) hosts.Add(new Uri(request.Url).Authority); };
        await page.SignInAsync(server, Scenario.AdminHandle, Scenario.AdminPassphrase);
        // The patrol expires (a second) and the sweep counts it in the history: asked, not waited out.
        var admin = new HttpClient { BaseAddress = server };
        admin.WithToken(await admin.SignInAsync());
        await Eventually.HoldsAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/alerts/history")).GetArrayLength() == 1);
        await page.GotoAsync(new Uri(server, "/console/alerts").ToString());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#history-map path.leaflet-interactive').length === 1");
        Assert.Contains("1", await page.InnerTextAsync("#history-count"));

        var posted = await (await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.88, lon = 74.61, note = "at the hostel" })).Content.ReadFromJsonAsync<JsonElement>();
        await page.WaitForSelectorAsync("#console-rows tr.kind-raid", new() { Timeout = 2000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#console-map path.leaflet-interactive').length === 1");
        Assert.Contains("at the hostel", await page.InnerTextAsync("#console-rows"));
        Assert.Contains("Reporter's record: 2 reports", await page.InnerTextAsync("#console-rows"));

        await page.ClickAsync("#console-rows tr.kind-raid form[action*=Verify] button");
        await page.WaitForSelectorAsync("p.notice[role=status]");
        var seen = (await member.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray().Single();
        Assert.Equal(posted.GetProperty("id").GetString(), seen.GetProperty("id").GetString());
        Assert.Equal("verified", seen.GetProperty("status").GetString());
        Assert.Empty(errors);
        Assert.All(hosts, h => Assert.Equal(server.Authority, h));
    }
}
