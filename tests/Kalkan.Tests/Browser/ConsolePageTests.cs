using Microsoft.Playwright;
using Kalkan.Tests.Alerts;

namespace Kalkan.Tests.Browser;

/// <summary>The defenders' console in a real browser: live map and table, verify, and the history map once alerts expire.</summary>
public class ConsolePageTests
{
    [Theory, Stores]
    public async Task A_defender_sees_a_new_alert_live_verifies_it_and_the_history_map_counts_expired_ones(Store kind)
    {
        await using var stage = await PhoneStage.OpenAsync(kind, new Dictionary<string, string?>
        {
            ["Map:TileUrl"] = "",
            ["Alerts:Lifetime:patrol"] = "00:00:01",
            ["Alerts:SweepInterval"] = "00:00:00.200",
        });
        var member = await stage.MemberApiAsync("reporter", "reporter's passphrase");
        await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.87, lon = 74.60 });

        var page = await (await stage.Browser.NewContextAsync()).NewPageAsync();
        var errors = new List<string>();
        var hosts = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        page.Request += (_, request) => { lock (hosts) hosts.Add(new Uri(request.Url).Authority); };
        await page.SignInAsync(stage.Server, Scenario.AdminHandle, Scenario.AdminPassphrase);
        // The patrol expires (a second) and the sweep counts it in the history: asked, not waited out.
        await Eventually.HoldsAsync(async () => (await stage.Admin.GetFromJsonAsync<JsonElement>("/api/v1/alerts/history")).GetArrayLength() == 1);
        await page.GotoAsync(stage.Url("/console/alerts"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#history-map path.leaflet-interactive').length === 1");
        Assert.Contains("1", await page.InnerTextAsync("#history-count"));

        var posted = await member.ReportAsync(new { kind = "raid", lat = 42.88, lon = 74.61, note = "at the hostel" });
        await page.WaitForSelectorAsync("#console-rows tr.kind-raid", new() { Timeout = 2000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#console-map path.leaflet-interactive').length === 1");
        Assert.Contains("at the hostel", await page.InnerTextAsync("#console-rows"));
        Assert.Contains("Reporter's record: 2 reports", await page.InnerTextAsync("#console-rows"));

        await page.ClickAsync("#console-rows tr.kind-raid form[action*=Verify] button");
        await page.WaitForSelectorAsync("p.notice[role=status]");
        var seen = (await member.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray().Single();
        Assert.Equal(posted.GetProperty("id").GetString(), seen.GetProperty("id").GetString());
        Assert.Equal("verified", seen.GetProperty("status").GetString());
        Assert.True(errors.Count == 0, "the page threw: " + string.Join(" | ", errors)); // whole, not cut as a collection is
        Assert.All(hosts, h => Assert.Equal(stage.Server.Authority, h));
    }
}
