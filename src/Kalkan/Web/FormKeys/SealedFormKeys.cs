using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Kalkan.Web.FormKeys;

/// <summary>
/// The form keys every instance shares on PostgreSQL (docs/decisions/1610): one row per
/// data-protection element (a key, or a revocation), its XML sealed with FieldCipher and bound to
/// the row's id, so a seized database shows how many keys there were, never a key, and a row copied
/// under another id does not open. Readable only while unsealed.
/// </summary>
public sealed class SealedFormKeys(IOptions<StoreOptions> store, FieldCipher cipher, ILogger<SealedFormKeys> logger) : IXmlRepository, IDisposable
{
    internal const string Table = "kalkan_form_keys";
    internal const string Column = "sealed";
    const long RingLock = 0x4B616C6B616E30; // "Kalkan" 30 (20 is the limits table's): one instance at a time creates the table or loads a ring

    readonly Lazy<NpgsqlDataSource> source = new(() => NpgsqlDataSource.Create(store.Value.Db!));

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = source.Value.OpenConnection();
        using var read = new NpgsqlCommand($"SELECT id, {Column} FROM {Table}", connection);
        using var reader = read.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            try
            {
                elements.Add(XElement.Parse(cipher.DecryptString((byte[])reader[1], Where(reader.GetGuid(0)))));
            }
            catch (CryptographicException)
            {
                // One altered or moved row must not take every form down with it.
                logger.LogWarning("A stored form key does not open under this seal and is ignored.");
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // A key's row is the key's own id, so the same key stored twice stays one row; a revocation gets an id of its own.
        var id = Guid.TryParse((string?)element.Attribute("id"), out var keyId) ? keyId : Guid.NewGuid();
        var sealedElement = cipher.Encrypt(element.ToString(SaveOptions.DisableFormatting), Where(id));
        using var connection = source.Value.OpenConnection();
        using var insert = new NpgsqlCommand($"INSERT INTO {Table} (id, {Column}) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = sealedElement });
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs a ring's first load while holding a lock every instance takes for it: the first to find
    /// no usable key creates one, the others wait and then read that one, instead of each making a
    /// key of its own that the others would not know until their rings refresh (a day later).
    /// </summary>
    internal void LoadAlone(Action load)
    {
        using var connection = source.Value.OpenConnection();
        using (var schema = connection.BeginTransaction())
        {
            // Committed before the load: the ring reads and writes on connections of its own.
            Execute(connection, schema, $"""
                SELECT pg_advisory_xact_lock({RingLock});
                CREATE TABLE IF NOT EXISTS {Table} (id uuid PRIMARY KEY, {Column} bytea NOT NULL);
                """);
            schema.Commit();
        }
        using var turn = connection.BeginTransaction();
        Execute(connection, turn, $"SELECT pg_advisory_xact_lock({RingLock})");
        load();
        turn.Commit();
    }

    static FieldRef Where(Guid id) => new(Table, Column, id);

    static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (source.IsValueCreated) source.Value.Dispose();
    }
}
