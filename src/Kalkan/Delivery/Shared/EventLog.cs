using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kalkan.Delivery.Shared;

/// <summary>An event as every instance reads it back from the shared table.</summary>
sealed record SharedEvent(long Id, string Name, string Json, Audience Audience);

/// <summary>What the shared table holds after a phone's Last-Event-ID: Covered when nothing between was already deleted.</summary>
sealed record TableResume(bool Covered, long ReadUpTo, IReadOnlyList<SharedEvent> Events);

/// <summary>
/// One read of the table: the events that opened, and how many rows were read up to which id. A row changed on disk is
/// left out of the events but not of the count, so that readers go on past it rather than taking a short page for the end.
/// </summary>
sealed record SharedPage(List<SharedEvent> Events, int Rows, long LastRowId);

/// <summary>
/// The shared table of stream events on PostgreSQL (docs/decisions/1600). A row is the event's id
/// (from one sequence, taken under one advisory lock, so ids commit in order and a reader that
/// asks for "after my last id" never skips one still in flight), when it was written, and the
/// event sealed whole (name, audience, payload) under a key of its own and bound to its id: a
/// seized database shows how many events there were and when, never what or for whom. NOTIFY
/// carries only the newest id.
/// </summary>
public sealed class EventLog(IOptions<StoreOptions> store, FieldCipher cipher, TimeProvider clock, ILogger<EventLog> log) : IDisposable
{
    public const string Channel = "kalkan_events";
    const long AppendLock = 0x4B616C6B616E01; // "Kalkan" 01: serializes appends, so ids commit in order
    const long SchemaLock = 0x4B616C6B616E02;
    const string Table = "kalkan_stream_events";

    readonly Lazy<NpgsqlDataSource> source = new(() => NpgsqlDataSource.Create(store.Value.Db!));

    internal NpgsqlDataSource Source => source.Value;

    /// <summary>Creates the table once (several instances may start at once: the advisory lock makes them take turns).</summary>
    internal async Task EnsureTableAsync(CancellationToken ct)
    {
        await using var connection = await Source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Unlogged: these rows live minutes, need no crash safety (after a crash phones resync), and cost no WAL.
        await Execute(connection, transaction, $"""
            SELECT pg_advisory_xact_lock({SchemaLock});
            CREATE UNLOGGED TABLE IF NOT EXISTS {Table} (id bigint PRIMARY KEY, at bigint NOT NULL, sealed bytea NOT NULL);
            CREATE INDEX IF NOT EXISTS {Table}_at ON {Table} (at);
            CREATE SEQUENCE IF NOT EXISTS {Table}_id;
            """, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Appends events inside the caller's transaction and announces them when it commits (NOTIFY waits for the commit).</summary>
    internal async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutgoingEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({AppendLock})", ct);
        var ids = new List<long>(events.Count);
        await using (var next = new NpgsqlCommand($"SELECT nextval('{Table}_id') FROM generate_series(1, {events.Count})", connection, transaction))
        await using (var reader = await next.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        ids.Sort();
        var sealedEvents = new byte[events.Count][];
        for (var i = 0; i < events.Count; i++) sealedEvents[i] = Seal(ids[i], events[i]);
        // Positional parameters allow one statement per command: the insert, then the notice.
        await using (var insert = new NpgsqlCommand($"INSERT INTO {Table} (id, at, sealed) SELECT i, $2, s FROM unnest($1::bigint[], $3::bytea[]) AS u(i, s)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            insert.Parameters.Add(new NpgsqlParameter { Value = sealedEvents });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', $1)", connection, transaction);
        notify.Parameters.Add(new NpgsqlParameter { Value = ids[^1].ToString() });
        await notify.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Appends in the transaction the store context has open (a timer's claim): both commit, or neither.</summary>
    internal Task AppendAsync(KalkanDb db, IReadOnlyList<OutgoingEvent> events, CancellationToken ct) =>
        AppendAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), events, ct);

    /// <summary>Events after <paramref name="after"/> in id order, at most <paramref name="limit"/>.</summary>
    internal Task<SharedPage> ReadAsync(NpgsqlConnection connection, long after, int limit, CancellationToken ct) =>
        ReadAsync(connection, null, after, limit, ct);

    async Task<SharedPage> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long after, int limit, CancellationToken ct)
    {
        var rows = new List<(long Id, byte[] Sealed)>();
        await using var read = new NpgsqlCommand($"SELECT id, sealed FROM {Table} WHERE id > $1 ORDER BY id LIMIT $2", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = after });
        read.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), (byte[])reader[1]));
        // One event changed on disk is left out (and counted): read whole, it stopped every stream on every instance for good.
        return new SharedPage(SealedRows.OpenEach(rows, r => Open(r.Id, r.Sealed), log, "shared events"), rows.Count, rows.Count > 0 ? rows[^1].Id : after);
    }

    /// <summary>What a phone that last heard <paramref name="after"/> missed, as far as the table still holds it.</summary>
    internal async Task<TableResume> ResumeAsync(long after, int limit, CancellationToken ct)
    {
        await using var connection = await Source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var oldest = await Scalar(connection, transaction, $"SELECT coalesce(min(id), 0) FROM {Table}", ct);
        var newest = await Scalar(connection, transaction, $"SELECT coalesce(max(id), 0) FROM {Table}", ct);
        var page = await ReadAsync(connection, transaction, after, limit, ct);
        var covered = after >= oldest - 1 && (page.Rows < limit || page.LastRowId == newest);
        return new TableResume(covered, page.Rows == limit ? page.LastRowId : newest, page.Events);
    }

    internal Task<long> NewestAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Scalar(connection, null, $"SELECT coalesce(max(id), 0) FROM {Table}", ct);

    /// <summary>Deletes what is older than the retention: a phone away longer gets `resync`, as it always did.</summary>
    internal async Task<int> ForgetAsync(NpgsqlConnection connection, TimeSpan retention, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand($"DELETE FROM {Table} WHERE at < $1", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = (clock.GetUtcNow() - retention).ToUnixTimeMilliseconds() });
        return await delete.ExecuteNonQueryAsync(ct);
    }

    byte[] Seal(long id, OutgoingEvent e) =>
        cipher.Encrypt(new JsonObject { ["n"] = e.Name, ["a"] = AudienceCodec.Write(e.Audience), ["d"] = e.Json }.ToJsonString(), Where(id));

    SharedEvent Open(long id, byte[] sealedEvent)
    {
        var o = JsonNode.Parse(cipher.DecryptString(sealedEvent, Where(id)))!.AsObject();
        return new SharedEvent(id, o["n"]!.GetValue<string>(), o["d"]!.GetValue<string>(), AudienceCodec.Read(o["a"]!));
    }

    /// <summary>The id as the row a sealed event is bound to: a sealed event copied under another id does not open.</summary>
    static FieldRef Where(long id)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, id);
        return new FieldRef(Table, "sealed", new Guid(bytes));
    }

    static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<long> Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public void Dispose()
    {
        if (source.IsValueCreated) source.Value.Dispose();
    }
}
