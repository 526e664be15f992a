namespace Kalkan.Tests.Circles;

/// <summary>A page answers with the status its service decided, and says why, as the API does.</summary>
public class PageOutcomeTests
{
    [Theory, Stores]
    public async Task Inviting_herself_on_the_circle_page_answers_409_and_says_why(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var page = await kalkan.MemberBrowserAsync(handle: "Aizada");

        var refused = await page.SubmitAsync("/circle?handler=Invite", new() { ["handle"] = "aizada" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("You cannot be in your own circle.", await refused.Content.ReadAsStringAsync());

        var empty = await page.SubmitAsync("/circle?handler=Invite", new() { ["handle"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory, Stores]
    public async Task A_report_past_her_hourly_limit_on_the_alerts_page_answers_429_and_says_why(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Alerts:ReportsPerHour"] = "1" });
        var page = await kalkan.MemberBrowserAsync(handle: "Nurgul");

        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "raid", ["lat"] = "10", ["lon"] = "10" })).StatusCode);
        var refused = await page.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "raid", ["lat"] = "20", ["lon"] = "20" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("You have sent many reports in the last hour", await refused.Content.ReadAsStringAsync());
    }

    [Theory, Stores]
    public async Task Answering_a_call_already_resolved_on_the_calls_page_answers_404_and_says_so(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await CircleTests.CircleAsync(kalkan);
        var sos = await (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59 })).Content.ReadFromJsonAsync<JsonElement>();
        var id = sos.GetProperty("id").GetString()!;
        var cholpon = await kalkan.SignedInBrowserAsync("Cholpon");
        Assert.Contains(id, await cholpon.GetStringAsync("/calls"));
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsync($"/api/v1/sos/{id}/resolve", null)).StatusCode);

        var late = await cholpon.SubmitAsync("/calls?handler=Respond", new() { ["id"] = id, ["kind"] = "on-my-way" });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("This call is no longer open.", await late.Content.ReadAsStringAsync());
    }

    [Theory, Stores]
    public async Task A_wrong_passphrase_on_the_checkin_page_answers_400_and_a_closed_checkin_404(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync(handle: "Aizada");
        var checkin = await (await api.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).Content.ReadFromJsonAsync<JsonElement>();
        var id = checkin.GetProperty("id").GetString()!;
        var page = await kalkan.SignedInBrowserAsync("Aizada");

        var wrong = await page.SubmitAsync("/checkin?handler=Done", new() { ["id"] = id, ["passphrase"] = "not hers at all" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("This is not your current passphrase.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/checkin?handler=Done", new() { ["id"] = id, ["passphrase"] = Scenario.MemberPassphrase })).StatusCode);
        var closed = await page.SubmitAsync("/checkin?handler=Done", new() { ["id"] = id, ["passphrase"] = Scenario.MemberPassphrase });
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Contains("This check-in is no longer open.", await closed.Content.ReadAsStringAsync());
    }
}
