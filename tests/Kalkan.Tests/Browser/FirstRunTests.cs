namespace Kalkan.Tests.Browser;

/// <summary>An operator's first minutes, in a real browser against the real server on plain HTTP at 127.0.0.1, as the README's Run command serves it.</summary>
public class FirstRunTests
{
    [Fact]
    public async Task An_operator_sets_up_Kalkan_in_the_browser_with_the_printed_setup_code_signs_in_and_the_setup_page_is_gone()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, setUp: false);
        var server = kalkan.ServeOnLoopback();
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(server.ToString());
            Assert.EndsWith("/setup", page.Url);
            Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            Assert.True(await page.IsVisibleAsync("#quick-exit"));

            // The one-time code the server printed to its console and wrote to its log folder.
            await page.FillAsync("input[name=setupCode]", kalkan.SetupCode());
            await page.FillAsync("input[name=network]", "Bishkek");
            await page.FillAsync("input[name=adminHandle]", "aigul");
            await page.FillAsync("input[name=adminPassphrase]", "a long admin passphrase");
            await page.FillAsync("input[name=unsealPassphrase]", "a long unseal passphrase");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("a.button[href='/signin']");

            await page.SignInAsync(server, "aigul", "a long admin passphrase");
            Assert.EndsWith("/alerts", page.Url);
            await page.GotoAsync(new Uri(server, "/account").ToString());
            Assert.Contains("aigul", await page.InnerTextAsync("main"));

            var again = await page.GotoAsync(new Uri(server, "/setup").ToString());
            Assert.Equal(404, again!.Status);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
