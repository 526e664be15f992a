using Kalkan.Seal;

namespace Kalkan.Tests.Infrastructure;

/// <summary>Runs only with PostgreSQL (several instances need one shared engine); skipped, saying so, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (StoresAttribute.PostgresAdmin is null) Skip = $"Several instances share one PostgreSQL: set {StoresAttribute.PostgresVariable} to run this.";
    }
}

/// <summary>
/// Several `kalkan serve` processes on one PostgreSQL database, as an operator runs them behind a
/// proxy: each with a data folder of its own, all unsealed at start with KALKAN_UNSEAL_PASSPHRASE.
/// </summary>
public sealed class Instances : IAsyncDisposable
{
    readonly List<ServingProcess> running = [];
    readonly List<string> folders = [];
    readonly HashSet<int> killed = [];

    public IReadOnlyList<ServingProcess> All => running;
    public ServingProcess this[int i] => running[i];

    public static async Task<Instances> StartAsync(TestStore store, int count)
    {
        var instances = new Instances();
        var started = Enumerable.Range(0, count).Select(async i =>
        {
            var folder = Path.Combine(store.DataDir, $"instance-{i}");
            Directory.CreateDirectory(folder);
            lock (instances.folders) instances.folders.Add(folder);
            return await ServingProcess.StartAsync(new Folder(folder, store.Db),
                new Dictionary<string, string> { [SealStartup.PassphraseVariable] = Scenario.UnsealPassphrase });
        }).ToList();
        try
        {
            await Task.WhenAll(started);
        }
        catch
        {
            // Those that did start are stopped, even when another failed to.
            foreach (var instance in started.Where(t => t.IsCompletedSuccessfully)) await instance.Result.DisposeAsync();
            throw;
        }
        instances.running.AddRange(started.Select(t => t.Result));
        try
        {
            foreach (var instance in instances.running)
            {
                using var http = instance.Client();
                await Eventually.HoldsAsync(async () => await http.StateAsync() == "ready");
            }
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
        return instances;
    }

    /// <summary>A client of instance <paramref name="i"/> carrying a session token (sessions live in the shared store).</summary>
    public HttpClient Client(int i, string token) => running[i].Client().WithToken(token);

    /// <summary>Kills one instance at once, as a crash or a pulled plug would: no graceful shutdown.</summary>
    public async Task KillAsync(int i)
    {
        if (killed.Add(i)) await running[i].DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < running.Count; i++) await KillAsync(i);
    }

    /// <summary>An instance's own data folder on the shared database.</summary>
    public sealed record Folder(string DataDir, string? Db) : ITestStore;
}
