using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>The phone loses its connection: what she sends is queued, shown as queued, and goes out once when it is back.</summary>
public class OfflineTests
{
    [Fact]
    public async Task An_sos_made_offline_is_sent_exactly_once_when_the_connection_returns()
    {
        await using var stage = await PhoneStage.OpenAsync();
        var page = await stage.MemberOnPhoneAsync("zarina");
        var context = page.Context;
        await page.ClickAsync("header a.sos-link");
        await page.WaitForURLAsync("**/sos");

        await context.SetOfflineAsync(true);
        await page.ClickAsync("button.sos-button");
        var queued = await page.WaitForSelectorAsync("#queue-state:not([hidden])");
        Assert.Contains("Queued", await queued!.InnerTextAsync());
        Assert.Empty(await OpenCallsAsync(stage.Admin));

        await context.SetOfflineAsync(false);
        await page.WaitForURLAsync("**/sos?id=*");
        Assert.Contains("Your SOS was sent", await page.InnerTextAsync("main"));
        Assert.Single(await OpenCallsAsync(stage.Admin));

        // Coming back to the page, or the connection flickering again, sends nothing more.
        await context.SetOfflineAsync(true);
        await context.SetOfflineAsync(false);
        await page.GotoAsync(stage.Url("/sos"));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('kalkan-queue')"));
        Assert.Single(await OpenCallsAsync(stage.Admin));
    }

    static async Task<List<JsonElement>> OpenCallsAsync(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray()];
}
