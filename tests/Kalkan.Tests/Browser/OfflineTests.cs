using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>The phone loses its connection: what she sends is queued, shown as queued, and goes out once when it is back.</summary>
public class OfflineTests
{
    const string Passphrase = "zarina's passphrase for tests";

    [Fact]
    public async Task An_sos_made_offline_is_sent_exactly_once_when_the_connection_returns()
    {
        var (kalkan, server, defender) = await Phone.ServeAsync();
        await using var ___ = kalkan;
        await kalkan.CreateMemberAsync("zarina", Passphrase);
        var (playwright, browser) = await Chromium.LaunchAsync();
        await using var _ = browser;
        using var __ = playwright;
        var context = await browser.NewPhoneAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(server, "zarina", Passphrase);
        await page.ClickAsync("header a.sos-link");
        await page.WaitForURLAsync("**/sos");

        await context.SetOfflineAsync(true);
        await page.ClickAsync("button.sos-button");
        var queued = await page.WaitForSelectorAsync("#queue-state:not([hidden])");
        Assert.Contains("Queued", await queued!.InnerTextAsync());
        Assert.Empty(await OpenCallsAsync(defender));

        await context.SetOfflineAsync(false);
        await page.WaitForURLAsync("**/sos?id=*");
        Assert.Contains("Your SOS was sent", await page.InnerTextAsync("main"));
        Assert.Single(await OpenCallsAsync(defender));

        // Coming back to the page, or the connection flickering again, sends nothing more.
        await context.SetOfflineAsync(true);
        await context.SetOfflineAsync(false);
        await page.GotoAsync(new Uri(server, "/sos").ToString());
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('kalkan-queue')"));
        Assert.Single(await OpenCallsAsync(defender));
    }

    static async Task<List<JsonElement>> OpenCallsAsync(HttpClient defender) =>
        [.. (await defender.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray()];
}
