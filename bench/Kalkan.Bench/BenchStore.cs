namespace Kalkan.Bench;

/// <summary>
/// The store one benchmark run serves from: a fresh data folder and, with `--db`, a fresh PostgreSQL
/// database beside it, with `kalkan init` run on them; the folder is deleted and the database dropped at the end.
/// </summary>
sealed class BenchStore : IAsyncDisposable
{
    readonly ScratchDatabase? database;

    public string Data { get; }

    /// <summary>The arguments that put `kalkan init` or `kalkan serve` on this store.</summary>
    public string[] Args => ["--data", Data, .. database?.StoreArgs ?? []];

    BenchStore(string data, ScratchDatabase? database) => (Data, this.database) = (data, database);

    public static async Task<BenchStore> InitAsync(string kalkanDll, string[] args)
    {
        var postgres = ScratchDatabase.ServerOf(args);
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        var store = new BenchStore(data, postgres is null ? null : await ScratchDatabase.CreateAsync(postgres));
        Console.WriteLine($"store: {(store.database is null ? "SQLite" : "PostgreSQL")}");
        try
        {
            await ServerBench.RunToEndAsync(kalkanDll, ["init", .. store.Args, "--network", "Bench", "--admin", "bench-admin"]);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { Directory.Delete(Data, true); } catch (IOException) { }
        if (database is not null) await database.DisposeAsync();
    }
}
