namespace Kalkan.Tests.Web;

/// <summary>A setting out of range stops the start with a message naming it, instead of a server that runs wrong.</summary>
public class OptionsTests
{
    [Theory]
    [InlineData("Circles:MaxCircle", "0", "MaxCircle")]
    [InlineData("Circles:TimerInterval", "00:00:00", "TimerInterval")]
    [InlineData("Sessions:IdleTimeout", "00:00:00", "IdleTimeout")]
    [InlineData("Unseal:PerMinute", "0", "PerMinute")]
    [InlineData("Push:CallsPerMinute", "0", "CallsPerMinute")]
    [InlineData("Pwa:Icon192", "https://tracker.example/icon.png", "Icon192")]
    [InlineData("Store:FilesDir", "/srv/kalkan-files", "FilesDir")] // a SQLite store keeps its files where its backups look for them
    public async Task A_bad_setting_stops_the_start_naming_it(string key, string value, string named)
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var kalkan = new KalkanFactory(store, new Dictionary<string, string?> { [key] = value });

        var refused = Assert.ThrowsAny<Exception>(() => kalkan.Services);

        Assert.Contains(named, Flatten(refused));
    }

    [PostgresFact]
    public async Task A_files_folder_on_PostgreSQL_must_exist_and_be_given_whole()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        // Relative: each instance would resolve it from its own working folder. Missing: a network mount that is
        // not there must not be filled on the local disk.
        foreach (var folder in new[] { "kalkan-files", "/nonexistent/kalkan-files" })
        {
            await using var kalkan = new KalkanFactory(store, new Dictionary<string, string?> { ["Store:FilesDir"] = folder });

            var refused = Assert.ThrowsAny<Exception>(() => kalkan.Services);

            Assert.Contains("FilesDir", Flatten(refused));
            Assert.False(Directory.Exists(folder), folder);
        }
    }

    static string Flatten(Exception e) => e is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is { } inner ? " " + Flatten(inner) : "");
}
