using Kalkan.Alerts;
using Kalkan.Tests.Alerts;

namespace Kalkan.Tests.Security;

/// <summary>
/// Someone with the disk flips a byte of one alert's sealed place (or a landmark's sealed name). Before, every
/// read that opened all active alerts failed with it: the map was empty for the whole network, every report of
/// that kind was refused (the merge opens the active alerts to measure distances), and the sweep stopped, so
/// the changed alert never expired and the blockage lasted. Now that row is left out and the rest goes on.
/// </summary>
public class TamperedAlertAttackTests
{
    [Theory, Stores]
    public async Task An_alert_changed_on_disk_leaves_the_others_on_the_map(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync();
        var ids = new List<Guid>();
        foreach (var (lat, lon) in new[] { (42.87, 74.59), (42.82, 74.62), (42.90, 74.53) })
            ids.Add((await member.ReportAsync(new { kind = "checkpoint", lat, lon })).GetProperty("id").GetGuid());
        await kalkan.ChangeOnDiskAsync<Alert>(ids[1], "PositionSealed");

        Assert.Equal(new HashSet<Guid> { ids[0], ids[2] }, await member.ListedIdsAsync("/api/v1/alerts"));
    }

    [Theory, Stores]
    public async Task A_report_beside_an_alert_whose_place_changed_on_disk_is_still_taken(Store kind) =>
        await ReportBesideAsync(kind, "PositionSealed");

    // The merge would have confirmed it, then failed to show it: every report there refused, and the alert kept alive.
    [Theory, Stores]
    public async Task A_report_beside_an_alert_whose_note_changed_on_disk_is_still_taken(Store kind) =>
        await ReportBesideAsync(kind, "NoteSealed");

    static async Task ReportBesideAsync(Store kind, string changedField)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (first, _) = await kalkan.MemberAsync();
        var (second, _) = await kalkan.MemberAsync();
        var changed = (await first.ReportAsync(new { kind = "raid", lat = 42.87, lon = 74.59, note = "two cars" })).GetProperty("id").GetGuid();
        await kalkan.ChangeOnDiskAsync<Alert>(changed, changedField);

        var report = await second.ReportAsync(new { kind = "raid", lat = 42.87, lon = 74.59 });

        Assert.False(report.GetProperty("merged").GetBoolean());
        Assert.Equal(new HashSet<Guid> { report.GetProperty("id").GetGuid() }, await second.ListedIdsAsync("/api/v1/alerts"));
    }

    [Theory, Stores]
    public async Task An_alert_changed_on_disk_still_expires_with_the_others(Store kind)
    {
        var clock = new ShiftedClock();
        // The sweep runs here, not on the server's own timer (real time, an hour apart: only its first run, at the start).
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Alerts:SweepInterval"] = "01:00:00" }, clock: clock);
        var (member, _) = await kalkan.MemberAsync();
        var changed = (await member.ReportAsync(new { kind = "patrol", lat = 42.87, lon = 74.59 })).GetProperty("id").GetGuid();
        await member.ReportAsync(new { kind = "patrol", lat = 42.82, lon = 74.62 });
        await kalkan.ChangeOnDiskAsync<Alert>(changed, "PositionSealed");
        clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(2, await kalkan.Services.GetRequiredService<AlertExpiry>().SweepAsync(default));

        await using var scope = kalkan.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        Assert.False(await db.Set<Alert>().AnyAsync()); // both deleted, the changed one too
        Assert.Equal(1, await db.Set<AlertHistory>().SumAsync(h => h.Count)); // only the one that opened is counted
    }

    [Theory, Stores]
    public async Task A_landmark_changed_on_disk_leaves_the_other_landmarks_and_its_alerts_listed_and_the_console_can_remove_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Cholpon");
        var landmarks = new List<Guid>();
        foreach (var name in new[] { "Osh bazaar", "Dordoi" })
        {
            var added = await defender.PostAsJsonAsync("/api/v1/landmarks", new { name, lat = 42.87 + landmarks.Count / 10.0, lon = 74.59 });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            landmarks.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var alert = (await defender.ReportAsync(new { kind = "checkpoint", landmark = landmarks[0] })).GetProperty("id").GetGuid();
        await kalkan.ChangeOnDiskAsync<Landmark>(landmarks[0], "NameSealed");

        Assert.Equal(new HashSet<Guid> { landmarks[1] }, await defender.ListedIdsAsync("/api/v1/landmarks"));
        var map = await defender.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        var listed = Assert.Single(map.EnumerateArray());
        Assert.Equal(alert, listed.GetProperty("id").GetGuid());
        Assert.True(!listed.TryGetProperty("landmark", out var shown) || shown.ValueKind == JsonValueKind.Null, $"named: {shown}");

        // The console shows it without a name, so that a defender can take it out.
        var console = await kalkan.SignedInBrowserAsync("Cholpon");
        var page = await console.GetStringAsync("/console/alerts");
        Assert.Contains("This landmark could not be opened: it was changed on disk.", page);
        Assert.Contains("Dordoi", page);
        var removed = await console.SubmitAsync("/console/alerts?handler=RemoveLandmark", new() { ["id"] = landmarks[0].ToString() });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain("This landmark could not be opened", await removed.Content.ReadAsStringAsync());
        await using var scope = kalkan.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<Landmark>().AnyAsync(l => l.Id == landmarks[0]));
    }
}
