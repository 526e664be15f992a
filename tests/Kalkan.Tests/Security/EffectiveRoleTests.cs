using System.Threading.Channels;
using Kalkan.Delivery.Push;
using Kalkan.Identity.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Kalkan.Tests.Alerts;

namespace Kalkan.Tests.Security;

/// <summary>
/// A network requires a second factor of defenders; someone holds a defender's passphrase but not
/// her phone. Until a second factor is set up, that defender is a member everywhere: the API, the
/// streams, the pages, the menu. The same defender with one set up sees it all (so the test can fail).
/// </summary>
public class EffectiveRoleTests
{
    [Theory, Stores]
    public async Task A_defender_without_the_required_second_factor_gets_nothing_a_member_would_not(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" });
        var admin = await kalkan.AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/network/second-factor", new { required = true })).StatusCode);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (aizada, _) = await kalkan.MemberWithDuressAsync(handle: "Aizada");
        await using var stream = await EventStreamClient.OpenAsync(defender);

        var sos = (await (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8746, lon = 74.5698, note = "white car" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddSeconds(1), lat = 42.87, lon = 74.6 });
        await kalkan.Api().SignInAsync("Aizada", Scenario.DuressPassphrase);
        var alert = (await aizada.ReportAsync(new { kind = "raid", lat = 42.87, lon = 74.59 })).GetProperty("id").GetGuid();

        // Her stream hears the alert (everyone does) and nothing of Aizada's calls or her duress.
        await stream.NextAsync("alert", TimeSpan.FromSeconds(5));
        Assert.True(await stream.QuietAsync("sos", TimeSpan.FromSeconds(1)));
        Assert.True(await stream.QuietAsync("duress", TimeSpan.FromSeconds(1)));
        Assert.True(await stream.QuietAsync("checkin-missed", TimeSpan.FromSeconds(2)));
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/sos")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await defender.GetAsync($"/api/v1/sos/{sos}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defender.PostAsync($"/api/v1/sos/{sos}/resolve", null)).StatusCode);
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/checkins/missed")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await defender.PostAsync($"/api/v1/alerts/{alert}/verify", null)).StatusCode);
        Assert.All((await defender.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).EnumerateArray(), a => Assert.False(a.TryGetProperty("reporter", out var r) && r.ValueKind != JsonValueKind.Null));
        // Her pages: no console, no members in the menu, no duress warning or SOS position on /calls.
        Assert.Equal(HttpStatusCode.Forbidden, (await defender.GetAsync("/console/alerts")).StatusCode);
        var calls = await defender.GetStringAsync("/calls");
        Assert.DoesNotContain("Aizada", calls);
        Assert.DoesNotContain("42.87460", calls);
        var menu = await defender.GetStringAsync("/account");
        Assert.DoesNotContain("href=\"/console/alerts\"", menu);
        Assert.DoesNotContain("href=\"/members\"", menu);

        // With her second factor set up, the same defender attends everyone (the checks above can fail).
        await defender.SetUpSecondFactorAsync();
        Assert.Equal(42.8746, (await defender.GetFromJsonAsync<JsonElement>($"/api/v1/sos/{sos}")).GetProperty("lat").GetDouble());
        Assert.NotEmpty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/checkins/missed")).EnumerateArray());
        Assert.Contains("Aizada", await defender.GetStringAsync("/calls"));
        Assert.Contains("href=\"/console/alerts\"", await defender.GetStringAsync("/account"));
        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/alerts/{alert}/verify", null)).StatusCode);
    }

    [Theory, Stores]
    public async Task Her_phone_is_not_pushed_an_SOS_while_her_required_second_factor_is_missing(Store kind)
    {
        var hits = Channel.CreateUnbounded<string>();
        await using var service = await FakePushServiceAsync(hits);
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var admin = await kalkan.AdminAsync();
        await admin.PutAsJsonAsync("/api/v1/network/second-factor", new { required = true });
        var (without, _) = await kalkan.MemberAsync("defender");
        var (with, _) = await kalkan.MemberAsync("defender");
        await with.SetUpSecondFactorAsync();
        await WebPushTests.SubscribeAsync(without, service, "without");
        await WebPushTests.SubscribeAsync(with, service, "with");
        var (aizada, _) = await kalkan.MemberAsync();
        var (bermet, _) = await kalkan.MemberAsync();

        await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8746, lon = 74.5698 });
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!seen.Contains("with")) seen.Add(await hits.Reader.ReadAsync(timeout.Token));
        // Only once the SOS round has reached her: pushes waiting together go out in one round, and this must be a second.
        await aizada.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.87, lon = 74.59 }); // everyone's

        while (seen.Count(h => h == "with") < 2) seen.Add(await hits.Reader.ReadAsync(timeout.Token));
        // A last SOS, its own round again (the alert's is under way): rounds go one after another, so once her phone has
        // this one, every push of the rounds before it has come, and the phone without the factor had the alert's alone.
        await bermet.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8746, lon = 74.5698 });
        while (seen.Count(h => h == "with") < 3) seen.Add(await hits.Reader.ReadAsync(timeout.Token));
        Assert.Equal(1, seen.Count(h => h == "without"));
    }

    /// <summary>A push service on loopback that notes which phone each push was for.</summary>
    static async Task<WebApplication> FakePushServiceAsync(Channel<string> hits)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/push/{name}", (string name) =>
        {
            hits.Writer.TryWrite(name);
            return Results.StatusCode(201);
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public void The_effective_role_is_a_members_only_while_a_required_second_factor_is_missing()
    {
        Assert.Equal(Roles.Member, Roles.Effective(Roles.Defender, secondFactor: false, networkRequires: true));
        Assert.Equal(Roles.Member, Roles.Effective(Roles.Admin, secondFactor: false, networkRequires: true));
        Assert.Equal(Roles.Defender, Roles.Effective(Roles.Defender, secondFactor: true, networkRequires: true));
        Assert.Equal(Roles.Defender, Roles.Effective(Roles.Defender, secondFactor: false, networkRequires: false));
        Assert.Equal(Roles.Researcher, Roles.Effective(Roles.Researcher, secondFactor: false, networkRequires: true));
    }
}
