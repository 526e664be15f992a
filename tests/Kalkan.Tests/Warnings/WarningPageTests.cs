namespace Kalkan.Tests.Warnings;

/// <summary>The warning pages work without script: a defender publishes, renews and withdraws; a member reads, checks and reports, in her language.</summary>
public class WarningPageTests
{
    [Theory, Stores]
    public async Task Without_script_a_defender_publishes_on_the_console_and_a_member_reads_and_checks_on_her_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync(handle: "nurgul", passphrase: "nurgul's passphrase for tests");
        var defender = await kalkan.SignedInBrowserAsync(Scenario.AdminHandle, Scenario.AdminPassphrase);
        var fields = new Dictionary<string, string>
        {
            ["kind"] = "robbery", ["severity"] = "medium", ["description"] = "Takes phones at knifepoint", ["district"] = "Lenin", ["month"] = "2026-09",
            ["plate"] = "B 777 XX", ["phone"] = "", ["incident"] = "",
        };
        var bad = await defender.SubmitAsync("/console/warnings?handler=Publish", new(fields) { ["month"] = "2099-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("A month as YYYY-MM, not in the future.", await bad.Content.ReadAsStringAsync());
        var published = await defender.SubmitAsync("/console/warnings?handler=Publish", new(fields));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var console = await published.Content.ReadAsStringAsync();
        Assert.Contains("The warning is published.", console);
        Assert.Contains("B 777 XX", console); // the defender sees the plate as typed

        var member = await kalkan.SignedInBrowserAsync("nurgul", "nurgul's passphrase for tests");
        var page = await member.GetStringAsync("/warnings?lang=ru");
        Assert.Contains("Предупреждения", page);
        Assert.Contains("Ограбление", page);
        Assert.Contains("Takes phones at knifepoint", page);
        Assert.DoesNotContain("777", page);
        Assert.Contains("href=\"/warnings\"", await member.GetStringAsync("/alerts")); // in the menu
        var checkedPage = await member.SubmitAsync("/warnings?handler=Check&lang=en", new() { ["plate"] = "b777xx", ["phone"] = "" });
        Assert.Contains("Warnings that match: 1", await checkedPage.Content.ReadAsStringAsync());
        var none = await member.SubmitAsync("/warnings?handler=Check&lang=en", new() { ["plate"] = "", ["phone"] = "0555 000 111" });
        Assert.Contains("No warning matches.", await none.Content.ReadAsStringAsync());

        var reported = await member.SubmitAsync("/warnings?handler=Report", new(fields) { ["description"] = "Refuses to pay", ["kind"] = "non_payment" });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains("Refuses to pay", await defender.GetStringAsync("/console/warnings"));

        var id = (await api.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray().Single().GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await defender.SubmitAsync("/console/warnings?handler=Renew", new() { ["id"] = id })).StatusCode);
        var withdrawn = await defender.SubmitAsync("/console/warnings?handler=Withdraw", new() { ["id"] = id });
        Assert.Contains("The warning is withdrawn.", await withdrawn.Content.ReadAsStringAsync());
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/console/warnings")).StatusCode);
    }
}
