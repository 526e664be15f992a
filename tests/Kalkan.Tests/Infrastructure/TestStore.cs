using Npgsql;

namespace Kalkan.Tests.Infrastructure;

/// <summary>A fresh, empty store for one test: a temporary data folder, and a new PostgreSQL database when asked.</summary>
/// <summary>An existing SQLite data folder (a restored backup, say) that the test cleans up itself.</summary>
public sealed class TestStoreAt(string dataDir) : ITestStore
{
    public string DataDir => dataDir;
    public string? Db => null;
}

public interface ITestStore
{
    string DataDir { get; }
    string? Db { get; }
}

public sealed class TestStore : ITestStore, IAsyncDisposable
{
    public Store Kind { get; }
    public string DataDir { get; }
    public string? Db { get; }
    readonly string? databaseName;

    TestStore(Store kind, string dataDir, string? db, string? databaseName)
    {
        (Kind, DataDir, Db, this.databaseName) = (kind, dataDir, db, databaseName);
    }

    public static async Task<TestStore> CreateAsync(Store kind)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kalkan-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        if (kind == Store.Sqlite) return new TestStore(kind, dataDir, null, null);

        var name = "kalkan_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(StoresAttribute.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        // Pooled, as a deployment is: a connection opened per query costs a PostgreSQL backend each, and made every request slow.
        var builder = new NpgsqlConnectionStringBuilder(StoresAttribute.PostgresAdmin) { Database = name };
        return new TestStore(kind, dataDir, builder.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (databaseName is not null)
        {
            // The idle connections this process keeps for the database go first; FORCE ends any other's.
            await using (var pooled = new NpgsqlConnection(Db)) NpgsqlConnection.ClearPool(pooled);
            await using var admin = new NpgsqlConnection(StoresAttribute.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
