using Kalkan.Storage.Compiled.Postgres;
using Kalkan.Storage.Compiled.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kalkan.Tests.Architecture;

/// <summary>
/// The server runs on models compiled ahead (Storage/Compiled): an entity or a configuration
/// changed without running Storage/regenerate-migrations.sh again would run on the old model.
/// These compare every table, column, store type, converter, key, index and foreign key of the
/// compiled model with the one the features configure today.
/// </summary>
public class CompiledModelTests
{
    [Fact]
    public void The_compiled_SQLite_model_is_the_model_the_features_configure() =>
        AssertSame(new SqliteDesignTimeFactory().CreateDbContext([]), SqliteKalkanDbModel.Instance);

    [Fact]
    public void The_compiled_PostgreSQL_model_is_the_model_the_features_configure() =>
        AssertSame(new PostgresDesignTimeFactory().CreateDbContext([]), PostgresKalkanDbModel.Instance);

    [Theory, Stores]
    public async Task The_server_runs_on_the_compiled_model_not_one_built_at_start(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        using var scope = kalkan.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<KalkanDb>().Model;
        Assert.Same(kind == Store.Postgres ? PostgresKalkanDbModel.Instance : SqliteKalkanDbModel.Instance, model);
    }

    static void AssertSame(KalkanDb configured, IModel compiled)
    {
        using (configured)
        {
            // The design-time model is built from OnModelCreating even where a compiled model is found.
            var expected = Shape(configured.GetService<IDesignTimeModel>().Model);
            var actual = Shape(compiled);
            Assert.True(expected == actual,
                "The compiled model is not the configured one: run src/Kalkan/Storage/regenerate-migrations.sh.\n" + FirstDifference(expected, actual));
        }
    }

    /// <summary>What the store and the queries see of a model, one line a fact, in a fixed order.</summary>
    static string Shape(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name))
        {
            lines.Add($"entity {entity.Name} table {entity.GetTableName()} filter {entity.GetDeclaredQueryFilters().Count}");
            foreach (var p in entity.GetProperties())
                lines.Add($"  property {p.Name} {p.ClrType.Name} nullable {p.IsNullable} column {p.GetColumnName()} " +
                          $"store {p.FindRelationalTypeMapping()?.StoreType} converter {p.GetValueConverter()?.GetType().Name} " +
                          $"max {p.GetMaxLength()} generated {p.ValueGenerated} concurrency {p.IsConcurrencyToken}");
            foreach (var k in entity.GetKeys())
                lines.Add($"  key {string.Join(",", k.Properties.Select(p => p.Name))} primary {k.IsPrimaryKey()}");
            foreach (var i in entity.GetIndexes().OrderBy(i => i.GetDatabaseName()))
                lines.Add($"  index {i.GetDatabaseName()} {string.Join(",", i.Properties.Select(p => p.Name))} unique {i.IsUnique} filter {i.GetFilter()}");
            foreach (var f in entity.GetForeignKeys().OrderBy(f => f.GetConstraintName()))
                lines.Add($"  foreign key {f.GetConstraintName()} to {f.PrincipalEntityType.Name} {string.Join(",", f.Properties.Select(p => p.Name))} on delete {f.DeleteBehavior}");
        }
        return string.Join('\n', lines);
    }

    static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
            if (i >= e.Length || i >= a.Length || e[i] != a[i])
                return $"line {i + 1}: configured `{(i < e.Length ? e[i].Trim() : "")}`, compiled `{(i < a.Length ? a[i].Trim() : "")}`";
        return "";
    }
}
