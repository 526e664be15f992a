using System.Text.RegularExpressions;

namespace Kalkan.Tests.Infrastructure;

public static partial class Forms
{
    /// <summary>Posts a page's form as a browser would: its anti-forgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        var token = AntiForgery().Match(page);
        Assert.True(token.Success, $"no anti-forgery token on {path}");
        fields["__af"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value);
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
