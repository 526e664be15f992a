namespace Kalkan.Tests.Warnings;

/// <summary>Warnings as a defender sends them, and the calls the warning tests share.</summary>
public static class WarningSamples
{
    public const string Plate = "01 KG 123 ABC", Phone = "+996 555 123 456";

    public static Dictionary<string, object?> Warning(string? plate = Plate, string? phone = Phone, string description = "Tall, grey jacket; refuses to pay, then hits.",
        string kind = "violence", string severity = "high", string month = "2026-10", object? incident = null) => new()
    {
        ["kind"] = kind, ["severity"] = severity, ["description"] = description, ["district"] = "Oktyabrsky", ["month"] = month,
        ["plate"] = plate, ["phone"] = phone, ["incident"] = incident,
    };

    /// <summary>Who the warning tests are about: a defender who publishes and reviews, and a member who reads and checks.</summary>
    public static async Task<(HttpClient Defender, HttpClient Member)> DefenderAndMemberAsync(KalkanFactory kalkan) =>
        ((await kalkan.MemberAsync("defender")).Client, (await kalkan.MemberAsync()).Client);

    public static async Task<Guid> PublishAsync(this HttpClient defender, object warning)
    {
        var response = await defender.PostAsJsonAsync("/api/v1/warnings", warning);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> CheckAsync(this HttpClient member, string field, string value) =>
        member.PostAsJsonAsync("/api/v1/warnings/check", new Dictionary<string, string> { [field] = value });

    /// <summary>The matches of an answered check.</summary>
    public static async Task<List<JsonElement>> MatchesAsync(this HttpClient member, string field, string value)
    {
        var response = await member.CheckAsync(field, value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").EnumerateArray()];
    }
}
