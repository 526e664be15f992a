using Npgsql;

namespace Kalkan.Limits;

/// <summary>
/// Counts in one table that every instance on the PostgreSQL store shares (decision 1603). A row is
/// (key, expires, hits): the key is an HMAC, under a key of the seal, of the rule's name and the
/// caller's key (a handle's blind index, a member id), so the table names no handle and no member
/// and joins to no other table. A hit is one statement (INSERT ... ON CONFLICT DO UPDATE ...
/// RETURNING): the row lock decides which of two hits at once, on two instances, is the one past the
/// limit. Expired rows are deleted on the way, at most once a minute per instance. UNLOGGED, as the
/// shared events are: after a PostgreSQL crash the counts start from zero, as an instance's memory
/// did at every restart.
/// </summary>
public sealed class StoreCounters(IOptions<StoreOptions> store, SealState seal, TimeProvider clock) : LimitCounters, IAsyncDisposable, IDisposable
{
    const string Table = "kalkan_limit_counts";
    const long SchemaLock = 0x4B616C6B616E20; // "Kalkan" 20: instances starting together create the table in turn
    static readonly long PurgeEvery = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
    readonly Lazy<NpgsqlDataSource> source = new(() => NpgsqlDataSource.Create(store.Value.Db!));
    readonly SemaphoreSlim creating = new(1, 1);
    volatile bool created;
    long nextPurge;

    public override bool Shared => true;

    public override async Task<int?> HitAsync(CountRule rule, string key, int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(ct);
        // An expired row starts again at one; a live one counts on only while below the limit (else no row comes back).
        await using var hit = new NpgsqlCommand($"""
            INSERT INTO {Table} AS c (key, expires, hits) VALUES ($1, $2 + $3, 1)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN c.expires <= $2 THEN 1 ELSE c.hits + 1 END,
                expires = CASE WHEN c.expires <= $2 OR $4 THEN $2 + $3 ELSE c.expires END
            WHERE c.expires <= $2 OR c.hits < $5
            RETURNING hits
            """, connection);
        Parameters(hit, KeyOf(rule, key), now, (long)rule.Span.TotalMilliseconds, rule.EachHitRenews, limit);
        var hits = await hit.ExecuteScalarAsync(ct) as int?;
        var due = Interlocked.Read(ref nextPurge);
        if (now >= due && Interlocked.CompareExchange(ref nextPurge, now + PurgeEvery, due) == due)
        {
            await using var purge = new NpgsqlCommand($"DELETE FROM {Table} WHERE expires <= $1", connection);
            Parameters(purge, now);
            await purge.ExecuteNonQueryAsync(ct);
        }
        return hits;
    }

    public override async Task<int> CountAsync(CountRule rule, string key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var read = new NpgsqlCommand($"SELECT hits FROM {Table} WHERE key = $1 AND expires > $2", connection);
        Parameters(read, KeyOf(rule, key), clock.GetUtcNow().ToUnixTimeMilliseconds());
        return await read.ExecuteScalarAsync(ct) as int? ?? 0;
    }

    public override async Task ForgetAsync(CountRule rule, string key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var delete = new NpgsqlCommand($"DELETE FROM {Table} WHERE key = $1", connection);
        Parameters(delete, KeyOf(rule, key));
        await delete.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (source.IsValueCreated) await source.Value.DisposeAsync();
        creating.Dispose();
    }

    public void Dispose()
    {
        if (source.IsValueCreated) source.Value.Dispose();
        creating.Dispose();
    }

    byte[] KeyOf(CountRule rule, string key) => HMACSHA256.HashData(seal.KeyFor("limits/counters"), Encoding.UTF8.GetBytes(rule.Name + "\n" + key));

    /// <summary>A pooled connection, the table made first if this instance has not seen it yet.</summary>
    async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await source.Value.OpenConnectionAsync(ct);
        if (created) return connection;
        try
        {
            await creating.WaitAsync(ct);
            try
            {
                if (!created) await CreateTableAsync(connection, ct);
                created = true;
            }
            finally
            {
                creating.Release();
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    static async Task CreateTableAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var create = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({SchemaLock});
            CREATE UNLOGGED TABLE IF NOT EXISTS {Table} (key bytea PRIMARY KEY, expires bigint NOT NULL, hits integer NOT NULL);
            CREATE INDEX IF NOT EXISTS {Table}_expires ON {Table} (expires);
            """, connection, transaction);
        await create.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    static void Parameters(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
