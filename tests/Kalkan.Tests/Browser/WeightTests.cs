using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kalkan.Tests.Browser;

/// <summary>
/// /alerts on the 2G link of issue 13 (250 kbit/s, 300 ms), with an empty cache: what it weighs
/// and how soon she sees the first alert and gets live updates. The figures go to bench/README.md.
/// </summary>
public class WeightTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_2G_the_first_alert_shows_within_2_s_live_updates_run_within_3_s_and_nothing_asks_another_host()
    {
        await using var stage = await PhoneStage.OpenAsync();
        var other = await stage.MemberApiAsync("other", "other member's passphrase");
        Assert.True((await other.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.87, lon = 74.59, note = "two cars" })).IsSuccessStatusCode);

        var page = await stage.MemberOnPhoneAsync("zarina", firstVisit: true);
        var context = page.Context;
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.clearBrowserCache");
        await page.ThrottleTo2GAsync();
        var requests = new List<IRequest>();
        page.Request += (_, r) => { lock (requests) requests.Add(r); };

        await page.GotoAsync(stage.Url("/alerts"));
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.live", null, new() { Timeout = 15000 });

        var paint = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0].startTime");
        var live = double.Parse((await page.GetAttributeAsync("html", "data-live"))!);
        var firstTop = await page.EvaluateAsync<double>("() => document.querySelector('#alert-list li.alert').getBoundingClientRect().top");
        // What the first paint waits for: the document, its style sheet and the scripts in its head (the others run after).
        var headScripts = await page.EvaluateAsync<string[]>("() => Array.from(document.head.querySelectorAll('script[src]')).map(s => new URL(s.src).pathname)");
        List<IRequest> seen;
        lock (requests) seen = [.. requests];
        long all = 0, firstPaint = 0;
        var lines = new List<string>();
        foreach (var request in seen)
        {
            var url = new Uri(request.Url);
            Assert.True(url.Host == stage.Server.Host && url.Port == stage.Server.Port, $"asked another host: {request.Url}");
            if (request.Url.Contains("/stream")) continue; // open for as long as she stays
            var response = await request.ResponseAsync();
            if (response is null) continue;
            var sizes = await request.SizesAsync();
            var bytes = sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            all += bytes;
            if (request.ResourceType is "document" or "stylesheet" || headScripts.Contains(url.AbsolutePath)) firstPaint += bytes;
            lines.Add($"{url.AbsolutePath} {request.ResourceType} {bytes} B ({response.Headers.GetValueOrDefault("content-encoding", "identity")})");
        }
        var report = $"first contentful paint (first alert at {firstTop:F0} px) {paint:F0} ms; live updates {live:F0} ms; " +
                     $"first paint set (document, style sheet, head scripts; headers included) {firstPaint} B; whole first load without the map {all} B\n" + string.Join("\n", lines);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "weight-2g.txt"), report);

        Assert.DoesNotContain(seen, r => r.Url.Contains("leaflet"));
        Assert.True(firstTop < 740, $"the first alert starts at {firstTop} px, below a 740 px screen");
        Assert.True(paint < 2000, report);
        Assert.True(live < 3000, report);
        Assert.True(firstPaint < 14 * 1024, report);
        Assert.True(all < 50 * 1024, report);
    }
}
