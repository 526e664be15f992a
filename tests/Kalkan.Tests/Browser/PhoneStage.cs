using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>
/// Where every browser test starts: a set-up Kalkan on real Kestrel (a browser needs a socket), the
/// admin's API client on it, and a headless Chromium; all stopped together, the browser first.
/// </summary>
public sealed class PhoneStage : IAsyncDisposable
{
    public required KalkanFactory Kalkan { get; init; }
    public required Uri Server { get; init; }
    /// <summary>The admin, signed in over the API: a defender who checks what reached the server.</summary>
    public required HttpClient Admin { get; init; }
    public required IBrowser Browser { get; init; }
    public required IPlaywright Playwright { get; init; }

    public static async Task<PhoneStage> OpenAsync(Store kind = Store.Sqlite, IDictionary<string, string?>? settings = null)
    {
        var kalkan = await KalkanFactory.StartAsync(kind, setUp: false, settings: settings);
        var server = kalkan.ServeOnLoopback();
        await kalkan.SetUpAsync();
        var admin = new HttpClient { BaseAddress = server };
        admin.WithToken(await admin.SignInAsync());
        var (playwright, browser) = await Chromium.LaunchAsync();
        return new PhoneStage { Kalkan = kalkan, Server = server, Admin = admin, Browser = browser, Playwright = playwright };
    }

    /// <summary>A new member, signed in over the API on the served address: another phone on the network.</summary>
    public async Task<HttpClient> MemberApiAsync(string handle, string passphrase = Scenario.MemberPassphrase)
    {
        await Kalkan.CreateMemberAsync(handle, passphrase);
        return await SignedInApiAsync(handle, passphrase);
    }

    public async Task<HttpClient> SignedInApiAsync(string handle, string passphrase = Scenario.MemberPassphrase)
    {
        var client = new HttpClient { BaseAddress = Server };
        return client.WithToken(await client.SignInAsync(handle, passphrase));
    }

    /// <summary>A new member, signed in through /signin on a phone of her own (see <see cref="Phone.NewPhoneAsync"/>).</summary>
    public async Task<IPage> MemberOnPhoneAsync(string handle, string passphrase = Scenario.MemberPassphrase, string locale = "en-GB", bool firstVisit = false)
    {
        await Kalkan.CreateMemberAsync(handle, passphrase);
        var page = await (await Browser.NewPhoneAsync(locale: locale, firstVisit: firstVisit)).NewPageAsync();
        await page.SignInAsync(Server, handle, passphrase);
        return page;
    }

    public string Url(string path) => new Uri(Server, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Kalkan.DisposeAsync();
    }
}
