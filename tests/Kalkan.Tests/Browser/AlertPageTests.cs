using System.Globalization;
using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>
/// The member's /alerts page in a real browser, every request it makes recorded: alerts sorted by
/// distance from a position that never leaves the phone, live updates, the map through the
/// stage.Server's tile cache, a report in three taps.
/// </summary>
public class AlertPageTests
{
    // Where the phone is: a position no request may carry, except the report she chooses to send.
    const double PhoneLat = 42.8123457, PhoneLon = 74.6234561;

    [Theory, Stores]
    public async Task The_alert_page_never_sends_the_phones_position_except_in_a_report_and_asks_no_other_host(Store kind)
    {
        await using var tiles = await FakeTileServer.StartAsync(Png);
        var tileHost = tiles.Urls.Single();
        await using var stage = await PhoneStage.OpenAsync(kind, new Dictionary<string, string?>
        {
            ["Map:TileUrl"] = tileHost + "/{z}/{x}/{y}.png",
        });
        await stage.Kalkan.CreateMemberAsync("zarina", "zarina's passphrase for tests");
        var other = await stage.MemberApiAsync("other-member", "other member's passphrase");
        await Post(other, "raid", 42.95, 74.80);                 // about 20 km away
        await Post(other, "checkpoint", PhoneLat + 0.004, PhoneLon); // about 450 m north

        var context = await stage.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Geolocation = new Geolocation { Latitude = (float)PhoneLat, Longitude = (float)PhoneLon },
            Permissions = ["geolocation"],
            Locale = "en-GB",
        });
        var requests = new List<IRequest>();
        context.Request += (_, request) => { lock (requests) requests.Add(request); };
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.SignInAsync(stage.Server, "zarina", "zarina's passphrase for tests");
        await page.GotoAsync(stage.Url("/alerts"));
        Assert.NotNull(await page.QuerySelectorAsync("#quick-exit"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        // Sorted by distance, computed in the page: the nearby checkpoint first, with metres and a direction.
        await page.WaitForSelectorAsync("#alert-list li.alert .distance");
        var first = await page.InnerTextAsync("#alert-list li.alert:first-child");
        Assert.Contains("Checkpoint", first);
        Assert.Matches(@"4\d0 m north", first);
        Assert.Contains("km", await page.InnerTextAsync("#alert-list li.alert:nth-child(2)"));

        // Live: a patrol reported right by her shows up on top within a second of being stored, without a reload.
        // (Timed from the 201: on a loaded machine the report's own round trip is not what this measures.)
        await Post(other, "patrol", PhoneLat - 0.001, PhoneLon + 0.001);
        await page.WaitForFunctionAsync("() => document.querySelector('#alert-list li.alert:first-child .what').textContent === 'Patrol'", null,
            new PageWaitForFunctionOptions { Timeout = 1000 });

        // The map, on request: tiles from this stage.Server only.
        await page.ClickAsync("#map-toggle");
        await page.WaitForSelectorAsync("#map img.leaflet-tile-loaded");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#map path.leaflet-interactive').length >= 4"); // three alerts and her own dot

        // Three taps: a kind, send (the place is her position, filled in by the page).
        await page.ReportAsync("checkpoint");
        await page.WaitForSelectorAsync("p.notice[role=status]");
        var mine = (await other.GetFromJsonAsync<JsonElement>("/api/v1/alerts"))!.EnumerateArray().ToList();
        Assert.Contains(mine, a => Math.Abs(a.GetProperty("lat").GetDouble() - PhoneLat) < 1e-5 && a.GetProperty("kind").GetString() == "checkpoint");

        List<IRequest> seen;
        lock (requests) seen = [.. requests];
        Assert.Contains(seen, r => r.Url.Contains("/tiles/"));
        var reports = 0;
        foreach (var request in seen)
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "data" or "blob") continue;
            Assert.True(url.Host == stage.Server.Host && url.Port == stage.Server.Port, $"asked another host: {request.Url}");
            var carried = request.Url + " " + (request.PostData ?? "") + " " + string.Join(" ", request.Headers.Values);
            if (request.Method == "POST" && url.Query.Contains("handler=Report"))
            {
                reports++;
                continue;
            }
            foreach (var digits in Fragments(PhoneLat).Concat(Fragments(PhoneLon)))
                Assert.False(carried.Contains(digits), $"{request.Method} {request.Url} carries the position ({digits})");
        }
        Assert.Equal(1, reports);
        Assert.True(errors.Count == 0, "the page threw: " + string.Join(" | ", errors)); // whole, not cut as a collection is
        // The stage.Server fetched the tiles; its log says nothing of which ones, nor of any place.
        await using var logFile = new FileStream(Path.Combine(stage.Kalkan.Store.DataDir, "logs", "kalkan.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var log = await new StreamReader(logFile).ReadToEndAsync();
        Assert.DoesNotContain(new Uri(tileHost).Authority, log);
        Assert.DoesNotContain("/tiles/", log);
        foreach (var digits in Fragments(PhoneLat).Concat(Fragments(PhoneLon))) Assert.DoesNotContain(digits, log);
    }

    /// <summary>The position as a request could spell it: 42.8123, 42.81234 ... and percent-encoded forms alike.</summary>
    static IEnumerable<string> Fragments(double value)
    {
        var text = value.ToString("F7", CultureInfo.InvariantCulture);
        for (var decimals = 3; decimals <= 7; decimals++) yield return text[..(text.IndexOf('.') + 1 + decimals)];
    }

    static async Task Post(HttpClient member, string kind, double lat, double lon)
    {
        var response = await member.PostAsJsonAsync("/api/v1/alerts", new { kind, lat, lon });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>What the stand-in tile provider (on another port: only Kalkan may ask it, never the page) answers.</summary>
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
}
