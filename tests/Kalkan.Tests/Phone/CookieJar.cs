namespace Kalkan.Tests.Phone;

/// <summary>
/// A browser's cookies kept where a test can read them, to replay an old session cookie after sign-out
/// or exit. One jar may serve clients of several instances: one browser behind a proxy that sends each request anywhere.
/// </summary>
public sealed class CookieJar(CookieContainer? cookies = null) : DelegatingHandler
{
    public static readonly Uri Origin = new("https://localhost");
    public CookieContainer Cookies { get; } = cookies ?? new();

    public static (HttpClient Client, CookieJar Jar) Browser(KalkanFactory kalkan, CookieContainer? cookies = null)
    {
        var jar = new CookieJar(cookies);
        return (kalkan.CreateDefaultClient(Origin, jar), jar);
    }

    /// <summary>A browser with its jar, signed in as this account through the /signin page (at <paramref name="page"/>: /signin with a language, say).</summary>
    public static async Task<(HttpClient Client, CookieJar Jar)> SignedInAsync(KalkanFactory kalkan, string handle, string page = "/signin")
    {
        var (browser, jar) = Browser(kalkan);
        return (await browser.SignInOnPageAsync(handle, page: page), jar);
    }

    public string? this[string name] => Cookies.GetCookies(Origin)[name]?.Value;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var header = Cookies.GetCookieHeader(request.RequestUri!);
        if (header.Length > 0) request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set) Cookies.SetCookies(request.RequestUri!, cookie);
        return response;
    }
}
