using Kalkan.Audit;
using Kalkan.Warnings;

namespace Kalkan.Tests.Warnings;

/// <summary>Warnings expire unless a defender renews them; a defender can withdraw one; each step is in an intact audit chain.</summary>
public class WarningReviewTests
{
    [Theory, Stores]
    public async Task A_warning_expires_after_its_months_unless_renewed_and_a_withdrawn_one_is_gone(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Warnings:ValidMonths"] = "6" }, clock: clock);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        var kept = await defender.PublishAsync(WarningSamples.Warning());
        var withdrawn = await defender.PublishAsync(WarningSamples.Warning(plate: "B 777 XX", phone: null, kind: "robbery"));
        await using var stream = await EventStreamClient.OpenAsync(member);

        Assert.Equal(HttpStatusCode.NoContent, (await defender.PostAsync($"/api/v1/warnings/{withdrawn}/withdraw", null)).StatusCode);
        Assert.Equal(withdrawn, (await stream.NextAsync("warning-withdrawn", TimeSpan.FromSeconds(2))).Data.GetProperty("id").GetGuid());
        Assert.Empty(await member.MatchesAsync("plate", "B777XX"));
        Assert.Equal(HttpStatusCode.NotFound, (await defender.PostAsync($"/api/v1/warnings/{withdrawn}/renew", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defender.PostAsync($"/api/v1/warnings/{withdrawn}/withdraw", null)).StatusCode);

        clock.Advance(TimeSpan.FromDays(31 * 6 + 1));
        // Sessions did not live that long: both sign in again.
        defender = (await kalkan.MemberAsync("defender")).Client;
        member = (await kalkan.MemberAsync()).Client;
        Assert.Empty((await member.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray());
        Assert.Empty(await member.MatchesAsync("plate", WarningSamples.Plate));
        var expired = Assert.Single((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/all")).EnumerateArray());
        Assert.False(expired.GetProperty("current").GetBoolean());
        Assert.Equal(WarningSamples.Plate, expired.GetProperty("plate").GetString());

        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/warnings/{kept}/renew", null)).StatusCode);
        Assert.Equal(kept, Assert.Single((await member.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Single(await member.MatchesAsync("plate", WarningSamples.Plate));

        await using var scope = kalkan.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditChain>();
        var actions = await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<AuditEntry>().Where(e => e.Action.StartsWith("warning.")).Select(e => new { e.Action, e.Subject }).ToListAsync();
        Assert.Equal([WarningActions.Published, WarningActions.Published, WarningActions.Withdrawn, WarningActions.Renewed], actions.Select(a => a.Action));
        Assert.Equal(audit.SubjectOf(withdrawn), actions[2].Subject);
        Assert.Equal(audit.SubjectOf(kept), actions[3].Subject);
        Assert.Null(await audit.FirstBrokenAsync(default));
    }

    [Theory, Stores]
    public async Task The_31st_check_in_a_day_answers_429_while_another_members_check_still_answers_even_after_a_restart(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var clock = new ShiftedClock();
        // Just after midnight UTC, so the thirty checks all fall on one day however long they take.
        var now = clock.GetUtcNow();
        clock.Advance(now.UtcDateTime.Date.AddDays(1).AddMinutes(1) - now.UtcDateTime);
        HttpClient first, second;
        // Her session outlives the day the test moves on.
        var settings = new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "2.00:00:00" };
        await using (var kalkan = new KalkanFactory(store, settings) { Clock = clock })
        {
            await kalkan.SetUpAsync();
            first = (await kalkan.MemberAsync()).Client;
            second = (await kalkan.MemberAsync()).Client;
            for (var i = 0; i < 29; i++) await first.MatchesAsync("phone", $"0700 000 {i:000}");
        }
        await using (var restarted = new KalkanFactory(store, settings) { Clock = clock })
        {
            Assert.Equal(HttpStatusCode.OK, (await restarted.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);
            var token = first.DefaultRequestHeaders.Authorization!.Parameter!;
            var her = restarted.Api().WithToken(token);
            await her.MatchesAsync("plate", "01 KG 000 AAA"); // the 30th
            var refused = await her.CheckAsync("plate", "01 KG 000 AAB");
            Assert.Equal(429, (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("status").GetInt32());
            var other = restarted.Api().WithToken(second.DefaultRequestHeaders.Authorization!.Parameter!);
            Assert.Empty(await other.MatchesAsync("plate", "01 KG 000 AAB"));
            // A bad request spends nothing and still says what is wrong.
            Assert.Equal(HttpStatusCode.BadRequest, (await her.CheckAsync("phone", "12")).StatusCode);

            clock.Advance(TimeSpan.FromDays(1));
            Assert.Empty(await her.MatchesAsync("plate", "01 KG 000 AAB"));
        }
    }
}
