using System.Xml.Linq;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// On PostgreSQL the data-protection keys (anti-forgery tokens, the language cookie) are shared by
/// every instance, so a form started on one posts to another: kept in `kalkan_form_keys`, each key's
/// XML sealed with FieldCipher. Before the first unseal (the setup form, a sealed page) they cannot
/// be read: this instance then uses keys of its own, in memory only, until <see cref="FirstFormKey"/>
/// reloads the ring from the store. On SQLite they stay in memory, as decision 1300 chose.
/// </summary>
public sealed class SealedKeyRing(EventLog log, FieldCipher cipher, SealState seal) : IXmlRepository
{
    const string Table = "kalkan_form_keys";
    internal const long CreateLock = 0x4B616C6B616E03;
    readonly List<XElement> whileSealed = [];

    /// <summary>The ring was read before the seal opened: it holds keys no other instance knows, and must be reloaded.</summary>
    internal bool ReadWhileSealed { get; private set; }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (seal.Status != SealStatus.Ready)
        {
            ReadWhileSealed = true;
            lock (whileSealed) return [.. whileSealed];
        }
        using var connection = log.Source.OpenConnection();
        Ensure(connection);
        using var read = new NpgsqlCommand($"SELECT name, sealed FROM {Table}", connection);
        using var reader = read.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
            keys.Add(XElement.Parse(cipher.DecryptString((byte[])reader[1], Where(reader.GetString(0)))));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        if (seal.Status != SealStatus.Ready)
        {
            lock (whileSealed) whileSealed.Add(element);
            return;
        }
        using var connection = log.Source.OpenConnection();
        Ensure(connection);
        using var insert = new NpgsqlCommand($"INSERT INTO {Table} (name, sealed) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        insert.Parameters.Add(new NpgsqlParameter { Value = cipher.Encrypt(element.ToString(SaveOptions.DisableFormatting), Where(friendlyName)) });
        insert.ExecuteNonQuery();
    }

    static void Ensure(NpgsqlConnection connection)
    {
        using var create = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {Table} (name text PRIMARY KEY, sealed bytea NOT NULL)", connection);
        try { create.ExecuteNonQuery(); }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation) { } // another instance created it just now
    }

    static FieldRef Where(string name) => new(Table, "sealed", Guid.TryParse(name.Replace("key-", ""), out var id) ? id : Guid.Empty);

    /// <summary>Shared keys on PostgreSQL, ephemeral ones on SQLite: decided when the store's settings are known.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("kalkan");
        var keyRing = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.AddSingleton<SealedKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (!sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres) return;
            o.XmlRepository = sp.GetRequiredService<SealedKeyRing>();
            o.NewKeyLifetime = TimeSpan.FromDays(90);
        });
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp =>
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres
                ? (IDataProtectionProvider)keyRing.ImplementationFactory!(sp)
                : new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHostedService<FirstFormKey>();
    }
}

/// <summary>
/// Once unsealed, makes sure the shared key ring holds a key, creating it under an advisory lock so
/// that three instances starting together agree on one instead of each making its own (a form
/// signed with a key another instance has not loaded would fail there until its ring refreshes).
/// </summary>
sealed class FirstFormKey(EventOutbox outbox, EventLog log, SealState seal, SealedKeyRing ring, IServiceProvider services, TimeProvider clock, ILogger<FirstFormKey> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!outbox.Shared) return;
        // Resolved only here: on SQLite no key manager is ever built (it would look for a keys folder).
        var keys = services.GetRequiredService<IKeyManager>();
        while (seal.Status != SealStatus.Ready) await Task.Delay(TimeSpan.FromMilliseconds(250), clock, stop);
        try
        {
            await using var connection = await log.Source.OpenConnectionAsync(stop);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SealedKeyRing.CreateLock})", connection)) await take.ExecuteNonQueryAsync(stop);
            var now = clock.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
                keys.CreateNewKey(now, now.AddDays(90));
            // A ring first read while sealed holds a key of this instance's own: creating a key reloads
            // the ring from the store, and one activating in two days is known everywhere before it signs anything.
            else if (ring.ReadWhileSealed)
                keys.CreateNewKey(now.AddDays(2), now.AddDays(92));
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SealedKeyRing.CreateLock})", connection);
            await release.ExecuteNonQueryAsync(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not make sure a shared form key exists: {Type}", e.GetType().Name);
        }
    }
}
