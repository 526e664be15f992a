namespace Kalkan.Tests.Circles;

/// <summary>
/// Many check-ins falling due together (a network's evening, a restart after an outage) reach her
/// circle and the defenders with the default settings: announced in batches, a stream that hears
/// more of them than its queue holds (256 by default) is neither dropped nor told to resync.
/// </summary>
public class CheckinBurstTests
{
    const int Checkins = 600;

    [Theory, Stores]
    public async Task Six_hundred_check_ins_due_at_once_all_reach_her_circle_and_a_defender_on_open_streams(Store kind)
    {
        // The server's clock jumps to the due time once all are set, so creating them takes as long as it takes.
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" }, clock: clock);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var due = clock.GetUtcNow().AddHours(1);
        var created = new HashSet<string>();
        foreach (var chunk in Enumerable.Range(0, Checkins).Chunk(8))
        {
            var answers = await Task.WhenAll(chunk.Select(i => aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due, note = $"check-in {i}" })));
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                created.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }
        }
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        await using var defenderStream = await EventStreamClient.OpenAsync(defender);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        foreach (var stream in new[] { circleStream, defenderStream })
        {
            var heard = new HashSet<string>();
            for (var i = 0; i < Checkins; i++)
            {
                // A dropped stream ends the frames and fails here; a resync would take a missed one's place.
                var missed = await stream.NextAsync("checkin-missed", TimeSpan.FromSeconds(30));
                heard.Add(missed.Data.GetProperty("id").GetString()!);
            }
            Assert.Equal(created, heard);
        }
    }

    [Theory, Stores]
    public async Task Check_ins_due_at_once_in_several_full_claims_all_fire_once(Store kind)
    {
        // Claims of 40 (on both stores): 100 due make two full claims and a last one of 20 (a full claim once failed every tick).
        var clock = new ShiftedClock();
        await using var kalkan = await StartWithClaimsOfAsync(kind, 40, clock);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var due = clock.GetUtcNow().AddHours(1);
        var created = new HashSet<string>();
        foreach (var chunk in Enumerable.Range(0, 100).Chunk(8))
            foreach (var answer in await Task.WhenAll(chunk.Select(_ => aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due }))))
                created.Add((await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var heard = await HearMissedAsync(circleStream, created.Count);
        Assert.Equal(created, heard.ToHashSet());
        Assert.Equal(created.Count, heard.Count);
        Assert.Empty((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/checkins")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task Check_ins_claimed_in_several_batches_reach_her_circle_in_the_order_they_fell_due(Store kind)
    {
        // Claims of 10 on both stores: 35 check-ins, due a minute apart and set in another order, all past due at one tick.
        var clock = new ShiftedClock();
        await using var kalkan = await StartWithClaimsOfAsync(kind, 10, clock);
        var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
        var first = clock.GetUtcNow().AddHours(1);
        var byDueTime = new SortedDictionary<int, string>();
        foreach (var minute in Enumerable.Range(0, 35).OrderBy(m => (m * 17) % 35))
            byDueTime[minute] = (await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = first.AddMinutes(minute) }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(byDueTime.Values, await HearMissedAsync(circleStream, byDueTime.Count));
    }

    /// <summary>Timers that start at once and claim <paramref name="batch"/> check-ins at a time, on a clock the test moves.</summary>
    static Task<KalkanFactory> StartWithClaimsOfAsync(Store kind, int batch, ShiftedClock clock) =>
        KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?>
        {
            ["Circles:StartupGrace"] = "00:00:00",
            ["Circles:TimerBatch"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, clock: clock);

    /// <summary>The ids of the next <paramref name="count"/> missed check-ins the stream hears, in the order heard.</summary>
    static async Task<List<string>> HearMissedAsync(EventStreamClient stream, int count)
    {
        var heard = new List<string>();
        for (var i = 0; i < count; i++)
            heard.Add((await stream.NextAsync("checkin-missed", TimeSpan.FromSeconds(30))).Data.GetProperty("id").GetString()!);
        return heard;
    }

    [Theory, Stores]
    public async Task A_check_in_changed_on_disk_does_not_keep_the_others_from_her_circle(Store kind)
    {
        var (kalkan, clock, aizada, cholpon, ids) = await ThreeCheckinsDueInAnHourAsync(kind);
        await using var _ = kalkan;
        await kalkan.ChangeOnDiskAsync<Kalkan.Circles.Checkin>(ids[1], "OwnerSealed");
        await using var circleStream = await EventStreamClient.OpenAsync(cholpon);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var heard = new HashSet<Guid>();
        for (var i = 0; i < 2; i++) heard.Add((await circleStream.NextAsync("checkin-missed", TimeSpan.FromSeconds(30))).Data.GetProperty("id").GetGuid());
        Assert.Equal(new HashSet<Guid> { ids[0], ids[2] }, heard);
    }

    /// <summary>Aizada with Cholpon in her circle and three check-ins of hers due in an hour, on a clock the test moves; the timers start at once.</summary>
    internal static async Task<(KalkanFactory Kalkan, ShiftedClock Clock, HttpClient Aizada, HttpClient Cholpon, List<Guid> Checkins)> ThreeCheckinsDueInAnHourAsync(Store kind)
    {
        var clock = new ShiftedClock();
        var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" }, clock: clock);
        try
        {
            var (aizada, cholpon) = await CircleTests.CircleAsync(kalkan);
            var due = clock.GetUtcNow().AddHours(1);
            var ids = new List<Guid>();
            for (var i = 0; i < 3; i++)
                ids.Add((await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            return (kalkan, clock, aizada, cholpon, ids);
        }
        catch
        {
            await kalkan.DisposeAsync(); // the caller owns it only once it is handed over
            throw;
        }
    }
}
