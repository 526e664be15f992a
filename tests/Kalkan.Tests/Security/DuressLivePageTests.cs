using Kalkan.Tests.Browser;

namespace Kalkan.Tests.Security;

/// <summary>A defender with /calls open in a real browser sees a duress warning the moment it is raised, without reloading.</summary>
public class DuressLivePageTests
{
    const string Passphrase = "member passphrase for tests", Duress = "my duress passphrase";

    [Fact]
    public async Task A_duress_warning_appears_live_on_an_open_calls_page()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, setUp: false);
        var server = kalkan.ServeOnLoopback();
        await kalkan.SetUpAsync();
        await using (var scope = kalkan.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Kalkan.Members.MemberAccounts>().CreateAsync("Aizada", Passphrase, "member", null, CancellationToken.None);
        var phone = new HttpClient { BaseAddress = server };
        var aizada = new HttpClient { BaseAddress = server }.WithToken(await phone.SignInAsync("Aizada", Passphrase));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await aizada.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = Passphrase, duress = Duress })).StatusCode);

        var (playwright, browser) = await Chromium.LaunchAsync();
        await using var _ = browser;
        using var __ = playwright;
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.SignInAsync(server, Scenario.AdminHandle, Scenario.AdminPassphrase);
        await page.GotoAsync(new Uri(server, "/calls").ToString());
        Assert.Equal(0, await page.Locator("#duress-warnings .notice").CountAsync());

        await phone.SignInAsync("Aizada", Duress);

        await page.WaitForSelectorAsync("#duress-warnings .notice", new() { Timeout = 5000 });
        var text = await page.InnerTextAsync("#duress-warnings");
        Assert.Contains("Aizada", text);
        Assert.Contains("duress passphrase", text);
        Assert.Empty(errors);
    }
}
