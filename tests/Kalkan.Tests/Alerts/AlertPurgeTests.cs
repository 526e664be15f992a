using Kalkan.Alerts;

namespace Kalkan.Tests.Alerts;

/// <summary>Ephemeral by default: after expiry only the anonymous count remains, in the store and in the data folder.</summary>
public class AlertPurgeTests
{
    static readonly Dictionary<string, string?> ShortLived = new()
    {
        ["Alerts:Lifetime:checkpoint"] = "00:00:01",
        ["Alerts:Lifetime:raid"] = "00:00:01",
        ["Alerts:SweepInterval"] = "00:00:00.200",
    };

    [Theory, Stores]
    public async Task After_expiry_the_store_holds_no_row_and_no_reporter_reference_only_the_aggregate(Store kind)
    {
        // Lifetimes of a minute and a clock moved past them once the raid is dismissed: with a lifetime
        // of a second, a slow dismiss lost the race with expiry and the raid was counted.
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, clock: clock, settings: new Dictionary<string, string?>
        {
            ["Alerts:Lifetime:checkpoint"] = "00:01:00",
            ["Alerts:Lifetime:raid"] = "00:01:00",
            ["Alerts:SweepInterval"] = "00:00:00.200",
        });
        var (reporter, reporterId) = await kalkan.MemberAsync();
        var (confirmer, confirmerId) = await kalkan.MemberAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");
        var checkpoint = await reporter.ReportAsync(new { kind = "checkpoint", lat = 42.8746, lon = 74.5698, note = "by the bridge" });
        var id = checkpoint.GetProperty("id").GetString()!;
        await confirmer.PostAsync($"/api/v1/alerts/{id}/confirm", null);
        var raid = await reporter.ReportAsync(new { kind = "raid", lat = 42.80, lon = 74.60 });
        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsync($"/api/v1/alerts/{raid.GetProperty("id").GetString()}/dismiss", null)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));

        byte[] reporterRef, confirmerRef;
        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<AlertDesk>();
            (reporterRef, confirmerRef) = (desk.RefOf(reporterId), desk.RefOf(confirmerId));
        }
        await WaitUntilAsync(async () => (await CountAsync<Alert>(kalkan)) == 0);

        Assert.Equal(0, await CountAsync<AlertConfirmation>(kalkan));
        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var history = await db.Set<AlertHistory>().ToListAsync();
            var cell = Assert.Single(history); // the dismissed raid is no evidence and is not counted
            Assert.Equal(("checkpoint", 1), (cell.Kind, cell.Count));
            Assert.InRange(cell.HourOfWeek, 0, 167);
            Assert.Equal(Geo.CellOf(42.8746, 74.5698), (cell.CellY, cell.CellX));
        }
        Assert.Empty(await reporter.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts") ?? []);
        var map = await defender.GetFromJsonAsync<JsonElement>("/api/v1/alerts/history");
        Assert.Equal(1, map.EnumerateArray().Single().GetProperty("count").GetInt32());

        if (kind == Store.Sqlite)
        {
            // The sweep truncates the write-ahead log just after its commit: asked until it has, then each file checked.
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var file in StoredFiles.Under(kalkan.Store.DataDir))
                    if ((await ReadSharedAsync(file)).AsSpan().IndexOf(reporterRef) >= 0) return false;
                return true;
            });
            foreach (var file in StoredFiles.Under(kalkan.Store.DataDir))
            {
                var bytes = await ReadSharedAsync(file);
                Assert.False(bytes.AsSpan().IndexOf(reporterRef) >= 0, $"the reporter's reference is still in {Path.GetFileName(file)}");
                Assert.False(bytes.AsSpan().IndexOf(confirmerRef) >= 0, $"the confirmer's reference is still in {Path.GetFileName(file)}");
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id.ToUpperInvariant())) >= 0, $"the alert's id is still in {Path.GetFileName(file)}");
            }
        }
    }

    [Fact]
    public async Task A_note_canary_is_gone_from_the_data_folder_after_the_purge_and_never_was_there_in_plaintext()
    {
        const string canary = "canary-alert-note-6d1e";
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using (var kalkan = new KalkanFactory(store, ShortLived))
        {
            await kalkan.SetUpAsync();
            var (member, _) = await kalkan.MemberAsync();
            var posted = await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.87, lon = 74.59, note = canary });
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
            await member.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 95.0, lon = 74.59, note = canary }); // refused: logged nowhere either
            await WaitUntilAsync(async () => (await CountAsync<Alert>(kalkan)) == 0);
        }
        var files = StoredFiles.Under(store.DataDir);
        Assert.Contains(files, f => f.EndsWith("kalkan.log"));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) >= 0, $"note in plaintext in {Path.GetFileName(file)}");
            Assert.False(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(canary)) >= 0, $"note in UTF-16 in {Path.GetFileName(file)}");
        }
    }

    static async Task<int> CountAsync<T>(KalkanFactory kalkan) where T : class
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<T>().CountAsync();
    }

    static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(10));

    static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
