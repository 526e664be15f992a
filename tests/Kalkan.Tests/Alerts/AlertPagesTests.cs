namespace Kalkan.Tests.Alerts;

/// <summary>The pages work without script: report with typed coordinates or a landmark, confirm, and a defender's console.</summary>
public class AlertPagesTests
{
    [Theory, Stores]
    public async Task Without_script_a_member_reports_and_confirms_on_the_alerts_page_and_a_defender_verifies_on_the_console(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync(handle: "nurgul", passphrase: "nurgul's passphrase for tests");
        var member = await kalkan.SignedInBrowserAsync("nurgul", "nurgul's passphrase for tests");

        var bad = await member.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "checkpoint", ["lat"] = "north", ["lon"] = "74.6" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("A latitude from -90 to 90.", await bad.Content.ReadAsStringAsync());
        var sent = await member.SubmitAsync("/alerts?handler=Report", new() { ["kind"] = "checkpoint", ["lat"] = "42,8746", ["lon"] = "74.5698", ["note"] = "near the school" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode); // post-redirect-get: Back or reload never sends it again
        Assert.Contains("Your report was sent.", await member.GetStringAsync(sent.Headers.Location!.OriginalString));
        var alert = (await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray().Single();
        Assert.Equal(42.8746, alert.GetProperty("lat").GetDouble());

        var (other, _) = await kalkan.MemberAsync(handle: "asel", passphrase: "asel's passphrase for tests");
        var second = await kalkan.SignedInBrowserAsync("asel", "asel's passphrase for tests");
        var page = await second.GetStringAsync("/alerts?lang=ru");
        Assert.Contains("Пост (проверка)", page);
        Assert.Contains("near the school", page);
        var confirmed = await second.SubmitAsync("/alerts?handler=Confirm", new() { ["id"] = alert.GetProperty("id").GetString()! });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.EndsWith("#alert-" + alert.GetProperty("id").GetString(), confirmed.Headers.Location!.OriginalString); // back at the alert, not the top
        var again = await second.SubmitAsync("/alerts?handler=Confirm", new() { ["id"] = alert.GetProperty("id").GetString()! });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var defender = await kalkan.SignedInBrowserAsync(Scenario.AdminHandle, Scenario.AdminPassphrase);
        var console = await defender.GetStringAsync("/console/alerts");
        Assert.Contains("Reporter&#x27;s record: 1 reports, 0 verified, 0 dismissed", console.Replace("'", "&#x27;"));
        var verified = await defender.SubmitAsync("/console/alerts?handler=Verify", new() { ["id"] = alert.GetProperty("id").GetString()! });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("verified", (await other.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray().Single().GetProperty("status").GetString());

        var landmark = await defender.SubmitAsync("/console/alerts?handler=Landmark", new() { ["name"] = "Ala-Too square", ["lat"] = "42.8765", ["lon"] = "74.6037" });
        Assert.Equal(HttpStatusCode.OK, landmark.StatusCode);
        Assert.Contains("Ala-Too square", await member.GetStringAsync("/alerts"));
    }

    [Theory, Stores]
    public async Task The_console_is_for_defenders_only(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var member = await kalkan.MemberBrowserAsync(handle: "dinara", passphrase: "dinara's passphrase for tests");
        var response = await member.GetAsync("/console/alerts");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"{(int)response.StatusCode}");
        Assert.DoesNotContain("Verify", await response.Content.ReadAsStringAsync());
    }
}
