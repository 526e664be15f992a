using System.Net;

namespace Kalkan.Tests.Phone;

/// <summary>A browser's cookies kept where a test can read them, to replay an old session cookie after sign-out or exit.</summary>
public sealed class CookieJar : DelegatingHandler
{
    public static readonly Uri Origin = new("https://localhost");
    public CookieContainer Cookies { get; } = new();

    public static (HttpClient Client, CookieJar Jar) Browser(KalkanFactory kalkan)
    {
        var jar = new CookieJar();
        return (kalkan.CreateDefaultClient(Origin, jar), jar);
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
