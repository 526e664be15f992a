using Kalkan.Tests.Browser;

namespace Kalkan.Tests.Security;

/// <summary>A defender with /calls open in a real browser sees a duress warning the moment it is raised, without reloading.</summary>
public class DuressLivePageTests
{
    [Fact]
    public async Task A_duress_warning_appears_live_on_an_open_calls_page()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, setUp: false);
        var server = kalkan.ServeOnLoopback();
        await kalkan.SetUpAsync();
        await using (var scope = kalkan.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Kalkan.Identity.Members.MemberAccounts>().CreateAsync("Aizada", Scenario.MemberPassphrase, "member", null, CancellationToken.None);
        var phone = new HttpClient { BaseAddress = server };
        var aizada = new HttpClient { BaseAddress = server }.WithToken(await phone.SignInAsync("Aizada", Scenario.MemberPassphrase));
        await aizada.SetDuressPassphraseAsync();

        var (playwright, browser) = await Chromium.LaunchAsync();
        await using var _ = browser;
        using var __ = playwright;
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.SignInAsync(server, Scenario.AdminHandle, Scenario.AdminPassphrase);
        await page.GotoAsync(new Uri(server, "/calls").ToString());
        Assert.Equal(0, await page.Locator("#duress-warnings .notice").CountAsync());

        await phone.SignInAsync("Aizada", Scenario.DuressPassphrase);

        await page.WaitForSelectorAsync("#duress-warnings .notice", new() { Timeout = 5000 });
        var text = await page.InnerTextAsync("#duress-warnings");
        Assert.Contains("Aizada", text);
        Assert.Contains("duress passphrase", text);
        Assert.True(errors.Count == 0, "the page threw: " + string.Join(" | ", errors)); // whole, not cut as a collection is
    }
}
