using Kalkan.Tests.Circles;

namespace Kalkan.Tests.Cases;

/// <summary>
/// While a case is watched, its complainant who is a member is asked for a daily check-in, and the
/// members of her circle are told the watch is on; once the watch has run out, neither is shown.
/// </summary>
public class WatchNoticeTests
{
    [Theory, Stores]
    public async Task A_watched_complainant_is_offered_a_daily_check_in_and_her_circle_is_told_until_the_watch_ends(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (aizada, _) = await kalkan.MemberAsync("member", handle: "aizada-phone");
        var (friend, _) = await kalkan.MemberAsync("member", handle: "cholpon");
        await kalkan.MemberAsync("member", handle: "someone-else");
        var link = await CircleTests.InviteAsync(aizada, "cholpon");
        Assert.Equal(HttpStatusCode.OK, (await friend.PostAsync($"/api/v1/circle/invitations/{link}/accept", null)).StatusCode);
        var (id, _) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, member: "aizada-phone"));

        var her = await kalkan.SignedInBrowserAsync("aizada-phone");
        var checkin = await her.GetStringAsync("/checkin");
        Assert.Contains("data-watch", checkin);
        var daily = await her.SubmitAsync("/checkin", new() { ["minutes"] = "1440", ["idempotencyKey"] = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Redirect, daily.StatusCode);
        var due = (await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray().Single().GetProperty("dueAt").GetDateTimeOffset();
        Assert.InRange(due - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        var circle = await (await kalkan.SignedInBrowserAsync("cholpon")).GetStringAsync("/circle");
        Assert.Contains($"data-circle-of=\"{link}\"", circle);
        Assert.Contains("data-watch", circle);
        Assert.DoesNotContain("data-watch", await (await kalkan.SignedInBrowserAsync("someone-else")).GetStringAsync("/checkin"));

        // Closed a year and a half ago: the watch (12 months after the end) has run out.
        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed", on = DateTime.UtcNow.AddMonths(-18).ToString("yyyy-MM-dd") })).StatusCode);
        Assert.DoesNotContain("data-watch", await her.GetStringAsync("/checkin"));
        Assert.DoesNotContain("data-watch", await (await kalkan.SignedInBrowserAsync("cholpon")).GetStringAsync("/circle"));
    }
}
