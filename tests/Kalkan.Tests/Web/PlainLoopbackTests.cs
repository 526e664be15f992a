namespace Kalkan.Tests.Web;

/// <summary>The README's Run command serves http://127.0.0.1:5080: first run in a browser must work there, over plain HTTP.</summary>
public class PlainLoopbackTests
{
    [Theory, Stores]
    public async Task Setup_and_sign_in_work_over_plain_http_on_loopback_and_no_log_line_holds_the_clients_address(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var kalkan = new KalkanFactory(store);
        var address = kalkan.ServeOnLoopback();
        // Browsers keep Secure cookies on loopback; HttpClient's cookie jar does not, so they are carried by hand.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/")).StatusCode);
        var created = await PostFormAsync(http, "/setup", kalkan.SetupForm());
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var signedIn = await PostFormAsync(http, "/signin", new() { ["handle"] = "aigul", ["passphrase"] = "a long admin passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookie(signedIn, "__Host-kalkan");
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));
        var home = new HttpRequestMessage(HttpMethod.Get, "/account");
        home.Headers.Add("Cookie", session);
        Assert.Contains("aigul", await (await http.SendAsync(home)).Content.ReadAsStringAsync());

        await kalkan.DisposeAsync();
        var log = await File.ReadAllLinesAsync(Path.Combine(kalkan.Store.DataDir, "logs", "kalkan.log"));
        Assert.DoesNotContain(log, line => (line.Contains("127.0.0.1") || line.Contains("::1")) && !line.Contains("Now listening on"));
    }

    static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, Dictionary<string, string> fields)
    {
        var page = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        fields["__af"] = Forms.AntiForgeryToken(await page.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", Cookie(page, "__Host-af"));
        return await http.SendAsync(post);
    }

    static string Cookie(HttpResponseMessage response, string name)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "="));
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        return header[..header.IndexOf(';')];
    }

}
