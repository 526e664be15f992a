using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Kalkan.Storage;

/// <summary>
/// What start-up needs to know, asked with one plain query each instead of through EF Core, whose
/// model takes most of a second to build: is the schema at the latest committed migration, and is
/// the store initialised. EF is then built on the first request that needs it.
/// </summary>
public static class StoreProbe
{
    public static async Task<bool> SchemaIsCurrentAsync(StoreOptions options, CancellationToken ct)
    {
        var context = options.IsPostgres ? typeof(PostgresKalkanDb) : typeof(SqliteKalkanDb);
        var latest = LatestMigration(context);
        try
        {
            var applied = await ScalarAsync(options, "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"", ct);
            return latest is not null && Equals(applied, latest);
        }
        catch (DbException)
        {
            return false; // no database or no history table yet: a fresh store
        }
    }

    /// <summary>Asked after migrations, so the table exists.</summary>
    public static async Task<bool> IsInitializedAsync(StoreOptions options, CancellationToken ct) =>
        await ScalarAsync(options, "SELECT COUNT(*) FROM seal", ct) is long and > 0 or int and > 0;

    static string? LatestMigration(Type context) => typeof(KalkanDb).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .Where(id => id is not null)
        .Max();

    static async Task<object?> ScalarAsync(StoreOptions options, string sql, CancellationToken ct)
    {
        await using var connection = await OpenAsync(options, ct, beforeMigrations: true);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// A plain connection outside EF. Before migrations (<paramref name="beforeMigrations"/>): unpooled,
    /// and read-only so that no SQLite file is created; EF's own connections and migrations come after.
    /// </summary>
    public static async Task<DbConnection> OpenAsync(StoreOptions options, CancellationToken ct, bool beforeMigrations = false)
    {
        DbConnection connection = options.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Db) { Pooling = !beforeMigrations }.ConnectionString)
            : new SqliteConnection(beforeMigrations
                ? new SqliteConnectionStringBuilder(options.SqliteConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ConnectionString
                : options.SqliteConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
