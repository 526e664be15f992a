namespace Kalkan.Tests.Cli;

public class BackupTests
{
    static readonly Dictionary<string, string> BackupPassphrase = new() { ["KALKAN_BACKUP_PASSPHRASE"] = "backup passphrase for tests" };

    [Fact]
    public async Task A_backup_taken_while_serving_restores_into_an_empty_folder_and_unseals_as_before()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"kalkan-backup-{Guid.NewGuid():N}.bin");
        var restored = Path.Combine(Path.GetTempPath(), $"kalkan-restored-{Guid.NewGuid():N}");
        try
        {
            await using (var kalkan = new KalkanFactory(store))
            {
                await kalkan.SetUpAsync();
                await kalkan.MemberAsync(handle: "Aizada");
                var backup = await KalkanProcess.RunAsync(["backup", "--data", store.DataDir, "--out", file], BackupPassphrase);
                Assert.True(backup.ExitCode == 0, backup.Output);
            }

            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf("SQLite format 3"u8) < 0, "the backup is not encrypted as a whole");

            var restore = await KalkanProcess.RunAsync(["restore", "--data", restored, "--in", file], BackupPassphrase);
            Assert.True(restore.ExitCode == 0, restore.Output);
            await using var again = new KalkanFactory(new TestStoreAt(restored));
            Assert.Equal("sealed", await again.Api().StateAsync());
            await again.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
            await again.Api().SignInAsync("Aizada", "member passphrase for tests");
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(restored)) Directory.Delete(restored, true);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_wrong_passphrase_and_a_folder_that_is_not_empty()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"kalkan-backup-{Guid.NewGuid():N}.bin");
        var restored = Path.Combine(Path.GetTempPath(), $"kalkan-restored-{Guid.NewGuid():N}");
        try
        {
            await using (var kalkan = new KalkanFactory(store)) await kalkan.SetUpAsync();
            Assert.Equal(0, (await KalkanProcess.RunAsync(["backup", "--data", store.DataDir, "--out", file], BackupPassphrase)).ExitCode);

            var wrong = await KalkanProcess.RunAsync(["restore", "--data", restored, "--in", file],
                new Dictionary<string, string> { ["KALKAN_BACKUP_PASSPHRASE"] = "not the backup passphrase" });
            Assert.NotEqual(0, wrong.ExitCode);
            Assert.Contains("Wrong passphrase", wrong.Output);
            Assert.False(File.Exists(Path.Combine(restored, "kalkan.db")));

            var occupied = await KalkanProcess.RunAsync(["restore", "--data", store.DataDir, "--in", file], BackupPassphrase);
            Assert.NotEqual(0, occupied.ExitCode);
            Assert.Contains("not empty", occupied.Output);
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(restored)) Directory.Delete(restored, true);
        }
    }
}
