using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cli;

public class BackupTests
{
    static readonly Dictionary<string, string> BackupPassphrase = new() { ["KALKAN_BACKUP_PASSPHRASE"] = "backup passphrase for tests" };

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_backup_taken_while_serving_restores_into_an_empty_folder_with_its_evidence_and_unseals_as_before()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        using var backup = new BackupFiles(store);
        Guid incident, evidence;
        var photo = Jpeg.WithGps("canary-gps-42.8765N", "pixels");
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            await kalkan.MemberAsync(handle: "Aizada");
            var (documenter, _) = await kalkan.MemberAsync("documenter", handle: "Nuru");
            incident = await documenter.RecordIdAsync(IncidentSamples.Incident(victim: "Zawadi", narrative: "He took her phone.", seal: true));
            var added = await documenter.PostAsync($"/api/v1/incidents/{incident}/evidence", Jpeg.Content(photo));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            evidence = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var taken = await backup.TakeAsync();
            Assert.True(taken.ExitCode == 0, taken.Output);
        }

        var bytes = await File.ReadAllBytesAsync(backup.File);
        Assert.True(bytes.AsSpan().IndexOf("SQLite format 3"u8) < 0, "the backup is not encrypted as a whole");

        var restore = await backup.RestoreAsync(backup.Restored);
        Assert.True(restore.ExitCode == 0, restore.Output);
        // Every file it wrote (the store, the photo's two sealed copies) is the operator's alone.
        foreach (var file in Directory.EnumerateFiles(backup.Restored, "*", SearchOption.AllDirectories))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        await using var again = new KalkanFactory(new TestStoreAt(backup.Restored));
        Assert.Equal("sealed", await again.Api().StateAsync());
        await again.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
        await again.Api().SignInAsync("Aizada", Scenario.MemberPassphrase);

        // The photo a complaint rests on came back with the store: the same bytes, opened by the network's key.
        var documenterAgain = again.Api().WithToken(await again.Api().SignInAsync("Nuru", Scenario.MemberPassphrase));
        using var original = await documenterAgain.GetAsync($"/api/v1/incidents/{incident}/evidence/{evidence}/original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(photo, await original.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Restore_refuses_a_wrong_passphrase_and_a_folder_that_is_not_empty()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        using var backup = new BackupFiles(store);
        await Scenario.SetUpAndStopAsync(store);
        Assert.Equal(0, (await backup.TakeAsync()).ExitCode);

        var wrong = await backup.RestoreAsync(backup.Restored, new Dictionary<string, string> { ["KALKAN_BACKUP_PASSPHRASE"] = "not the backup passphrase" });
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("Wrong passphrase", wrong.Output);
        Assert.False(File.Exists(Path.Combine(backup.Restored, "kalkan.db")));

        var occupied = await backup.RestoreAsync(store.DataDir);
        Assert.NotEqual(0, occupied.ExitCode);
        Assert.Contains("not empty", occupied.Output);
    }

    /// <summary>`kalkan backup` of one store into a file of its own, and `kalkan restore` of it; the file and the restored folder go when the test ends.</summary>
    sealed class BackupFiles(ITestStore store) : IDisposable
    {
        public string File { get; } = Path.Combine(Path.GetTempPath(), $"kalkan-backup-{Guid.NewGuid():N}.bin");
        public string Restored { get; } = Path.Combine(Path.GetTempPath(), $"kalkan-restored-{Guid.NewGuid():N}");

        public Task<(int ExitCode, string Output)> TakeAsync() => KalkanProcess.RunAsync(["backup", "--data", store.DataDir, "--out", File], BackupPassphrase);

        public Task<(int ExitCode, string Output)> RestoreAsync(string into, Dictionary<string, string>? environment = null) =>
            KalkanProcess.RunAsync(["restore", "--data", into, "--in", File], environment ?? BackupPassphrase);

        public void Dispose()
        {
            System.IO.File.Delete(File);
            if (Directory.Exists(Restored)) Directory.Delete(Restored, true);
        }
    }
}
