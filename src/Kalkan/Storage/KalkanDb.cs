using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;
using Kalkan.Setup;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kalkan.Storage;

/// <summary>
/// The one store. Each provider has a subclass only so that each keeps its own committed
/// migrations (design.md: SQLite by default, PostgreSQL for real servers).
/// </summary>
public abstract class KalkanDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<SealRecord> Seal => Set<SealRecord>();
    public DbSet<Network> Networks => Set<Network>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Session> Sessions => Set<Session>();

    /// <summary>
    /// Each feature's <c>IEntityTypeConfiguration</c>, and two conventions that spare them saying it
    /// again: an entity's table is its <c>Table</c> constant (the name its sealed fields are bound to),
    /// and a property named <c>Id</c> is its key (EF Core's own convention).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(KalkanDb).Assembly);
        foreach (var entity in model.Model.GetEntityTypes())
            if (entity.ClrType.GetField(TableConstant)?.GetRawConstantValue() is string table)
                entity.SetTableName(table);
    }

    const string TableConstant = "Table";

    // Instants as Unix milliseconds: SQLite cannot compare DateTimeOffset in queries, and one
    // representation for both providers keeps the migrations alike.
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

public sealed class SqliteKalkanDb(DbContextOptions<SqliteKalkanDb> options) : KalkanDb(options);

public sealed class PostgresKalkanDb(DbContextOptions<PostgresKalkanDb> options) : KalkanDb(options);
