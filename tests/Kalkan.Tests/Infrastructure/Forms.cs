using System.Text.RegularExpressions;

namespace Kalkan.Tests.Infrastructure;

public static partial class Forms
{
    /// <summary>Posts a page's form as a browser would: its anti-forgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient browser, string path, Dictionary<string, string> fields)
    {
        fields["__af"] = AntiForgeryToken(await browser.GetStringAsync(path));
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The setup page's fields as an operator fills them in on first run: the code the server printed, network Bishkek, admin aigul.</summary>
    public static Dictionary<string, string> SetupForm(this KalkanFactory kalkan, string adminPassphrase = "a long admin passphrase") => new()
    {
        ["setupCode"] = kalkan.SetupCode(),
        ["network"] = "Bishkek",
        ["adminHandle"] = "aigul",
        ["adminPassphrase"] = adminPassphrase,
        ["unsealPassphrase"] = "a long unseal passphrase",
    };

    /// <summary>The anti-forgery token a page's form carries.</summary>
    public static string AntiForgeryToken(string html)
    {
        var token = AntiForgery().Match(html);
        Assert.True(token.Success, "no anti-forgery token on the page");
        return System.Net.WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
