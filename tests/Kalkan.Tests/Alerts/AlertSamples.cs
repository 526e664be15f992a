namespace Kalkan.Tests.Alerts;

/// <summary>The calls the alert tests share.</summary>
public static class AlertSamples
{
    /// <summary>She reports an alert over the API and it is stored (201): the alert as the answer gives it.</summary>
    public static async Task<JsonElement> ReportAsync(this HttpClient member, object report)
    {
        var response = await member.PostAsJsonAsync("/api/v1/alerts", report);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
