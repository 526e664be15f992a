namespace Kalkan.Tests.Phone;

/// <summary>Every member form redirects after it worked, and a resend with the same key is the same act, never a second one.</summary>
public class ResendTests
{
    [Theory, Stores]
    public async Task A_report_sent_twice_with_one_key_is_one_alert_and_both_answers_redirect(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync(handle: "Aizada");
        var browser = await kalkan.SignedInBrowserAsync("Aizada");
        var form = new Dictionary<string, string> { ["kind"] = "checkpoint", ["lat"] = "42.87", ["lon"] = "74.59", ["idempotencyKey"] = "one-key-for-this-report" };

        var first = await browser.SubmitAsync("/alerts?handler=Report", new(form));
        var again = await browser.SubmitAsync("/alerts?handler=Report", new(form));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/alerts?done=sent", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray());
        Assert.Contains("Your report was sent.", await browser.GetStringAsync(first.Headers.Location!.OriginalString));
    }

    [Theory, Stores]
    public async Task A_report_without_a_place_is_refused_by_name_and_keeps_her_choice(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync(handle: "Aizada");

        var refused = await browser.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "raid", ["note"] = "two vans", ["lat"] = "", ["lon"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Where is it?", page);
        Assert.DoesNotContain("A latitude from -90 to 90.", page);
        Assert.Contains("value=\"raid\" required checked=\"checked\"", page);
        Assert.Contains(">two vans</textarea>", page);
    }

    [Theory, Stores]
    public async Task An_sos_resent_with_its_key_answers_the_first_and_reaches_the_defenders_once(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync(handle: "Aizada");
        var (defender, _) = await kalkan.MemberAsync("defender");

        var ids = await SendTwiceAsync(member, "/api/v1/sos", new { lat = 42.87, lon = 74.59 }, "sos-key-0001");

        Assert.Equal(ids[0], ids[1]);
        Assert.Single((await defender.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_check_in_resent_with_its_key_is_one_check_in(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync(handle: "Aizada");
        var due = DateTimeOffset.UtcNow.AddHours(1);

        var ids = await SendTwiceAsync(member, "/api/v1/checkins", new { dueAt = due }, "checkin-key-0001");

        Assert.Equal(ids[0], ids[1]);
        Assert.Single((await member.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task The_sos_and_check_in_forms_redirect_after_they_worked(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync(handle: "Aizada");

        var checkin = await browser.SubmitAsync("/checkin", new() { ["minutes"] = "30", ["idempotencyKey"] = "page-checkin-key" });
        Assert.Equal(HttpStatusCode.Redirect, checkin.StatusCode);
        var page = await browser.GetStringAsync(checkin.Headers.Location!.OriginalString);
        Assert.Contains("Your check-in is set.", page);
        // Until the phone's script puts it in her zone, the due time says it is UTC, and how long is left.
        Assert.Matches(@"\d\d:\d\d UTC · in (29|30) min", page);

        var sos = await browser.SubmitAsync("/sos", new() { ["idempotencyKey"] = "page-sos-key-1" });
        Assert.Equal(HttpStatusCode.Redirect, sos.StatusCode);
        var sent = await browser.GetStringAsync(sos.Headers.Location!.OriginalString);
        Assert.Contains("You have no circle yet", sent);
        Assert.DoesNotContain("Your circle and the defenders have it.", sent);
    }

    /// <summary>The same request twice with one Idempotency-Key, as a phone resends after a lost answer; the ids each answer gave.</summary>
    static async Task<List<string>> SendTwiceAsync(HttpClient client, string path, object body, string key)
    {
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        return ids;
    }
}
