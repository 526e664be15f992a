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

    /// <summary>A set-up Kalkan on real Kestrel (a browser needs a socket), with a signed-in defender's API client.</summary>
    public static async Task<(KalkanFactory Kalkan, Uri Server, HttpClient Defender)> ServeAsync()
    {
        var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, setUp: false);
        var server = kalkan.ServeOnLoopback();
        await kalkan.SetUpAsync();
        var defender = new HttpClient { BaseAddress = server };
        defender.WithToken(await defender.SignInAsync());
        return (kalkan, server, defender);
    }

    public static async Task CreateMemberAsync(this KalkanFactory kalkan, string handle, string passphrase)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<Kalkan.Members.MemberAccounts>().CreateAsync(handle, passphrase, "member", null, CancellationToken.None);
        Assert.Equal(Kalkan.Members.CreateOutcome.Created, outcome);
    }
}
