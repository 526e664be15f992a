namespace Kalkan.Tests.Infrastructure;

/// <summary>Calls for help as a member makes them before the part a test is about, and the lists they land on.</summary>
public static class CallSteps
{
    /// <summary>She sends an SOS from a place in Bishkek (201); its id.</summary>
    public static async Task<Guid> RaiseSosAsync(this HttpClient member, string? note = null)
    {
        var answer = await member.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59, note });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The ids on a list of calls (200), in no particular order.</summary>
    public static async Task<HashSet<Guid>> ListedIdsAsync(this HttpClient client, string path)
    {
        var listed = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        return (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
    }
}
