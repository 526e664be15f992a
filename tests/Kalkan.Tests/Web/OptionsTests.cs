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

        var refused = await RefusedStartAsync(store, key, value);

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
            var refused = await RefusedStartAsync(store, "Store:FilesDir", folder);

            Assert.Contains("FilesDir", Flatten(refused));
            Assert.False(Directory.Exists(folder), folder);
        }
    }

    /// <summary>
    /// Starts the host as `kalkan serve` does (Program.Build, then start) and returns why it refused. Not through
    /// WebApplicationFactory: when a start fails fast, `serve` disposes the host before the factory asks it for its
    /// services, and the test then sees "Cannot access a disposed object" instead of the setting's name.
    /// </summary>
    static async Task<Exception> RefusedStartAsync(ITestStore store, string key, string value)
    {
        string?[] args =
        [
            "--environment=Testing", "--urls=http://127.0.0.1:0", $"--Store:DataDir={store.DataDir}",
            store.Db is { } db ? $"--Store:Db={db}" : null, $"--{key}={value}",
        ];
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            // Some settings are read while the host is composed, the rest when it starts.
            app = Program.Build([.. args.OfType<string>()]);
        }
        catch (Exception refused)
        {
            return refused;
        }
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception refused)
            {
                return refused;
            }
            await app.StopAsync();
        }
        throw new Xunit.Sdk.XunitException($"Kalkan started with {key}={value}.");
    }

    static string Flatten(Exception e) => e is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is { } inner ? " " + Flatten(inner) : "");
}
