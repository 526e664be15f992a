using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>A member's cheap phone: 360x740, touch, her language; optionally the throttled 2G link of issue 13.</summary>
public static class Phone
{
    /// <param name="firstVisit">No service worker: what a phone pays the first time (a worker would answer from its cache, weighing nothing).</param>
    public static Task<IBrowserContext> NewPhoneAsync(this IBrowser browser, string locale = "en-GB", Geolocation? at = null, bool firstVisit = false) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
            TimezoneId = "Asia/Bishkek",
            Geolocation = at,
            Permissions = at is null ? [] : ["geolocation"],
            ServiceWorkers = firstVisit ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });

    /// <summary>
    /// 250 kbit/s each way and 300 ms of latency, through the DevTools protocol; offline on the same
    /// link when asked. One DevTools session per page: conditions set through a second session do
    /// not replace the first's, so an "offline" there left the throttled link still connected.
    /// </summary>
    public static async Task ThrottleTo2GAsync(this IPage page, bool offline = false)
    {
        if (!Links.TryGetValue(page, out var cdp))
        {
            cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            Links.AddOrUpdate(page, cdp);
        }
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = offline,
            ["latency"] = 300,
            ["downloadThroughput"] = 250_000 / 8,
            ["uploadThroughput"] = 250_000 / 8,
        });
    }

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, ICDPSession> Links = new();

    /// <summary>A report in three taps: open the form, pick the kind, send, once the page has filled in her position.</summary>
    public static async Task ReportAsync(this IPage page, string kind)
    {
        await page.ClickAsync("#report > summary");
        await page.ClickAsync($"label.kind-{kind}");
        await page.WaitForFunctionAsync("() => document.getElementById('report-lat').value !== ''");
        await page.ClickAsync("button.send");
    }
}
