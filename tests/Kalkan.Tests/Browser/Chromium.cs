using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright; Playwright's
/// own browser download is never used. Quiet flags so the browser itself calls no other host.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assert.True(File.Exists(Path), $"{Path} is missing: apt-get install chromium");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
        });
        return (playwright, browser);
    }

    /// <summary>Signs in through the /signin page, as a member would.</summary>
    public static async Task SignInAsync(this IPage page, Uri server, string handle, string passphrase)
    {
        await page.GotoAsync(new Uri(server, "/signin").ToString());
        await page.FillAsync("input[name=handle]", handle);
        await page.FillAsync("input[name=passphrase]", passphrase);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
    }
}
