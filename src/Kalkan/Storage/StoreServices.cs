using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kalkan.Storage;

public static class StoreServices
{
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System); // the web host has it; the command-line verbs need it too
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.FilesDirIsUsable, "Store:FilesDir (--files) is for several instances on PostgreSQL (a SQLite store keeps its files in its "
                + "data folder), and must be an existing folder given by its full path")
            .ValidateOnStart();
        // Each context finds the model compiled ahead for it in Storage/Compiled (EF Core looks for
        // the class marked [DbContext(typeof(...))]): building it from OnModelCreating cost every
        // start about half a second of CPU (docs/decisions/1503). Storage/regenerate-migrations.sh
        // writes it; CompiledModelTests fail while it differs from what the features configure.
        services.AddDbContext<SqliteKalkanDb>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqliteConnectionString)
                   .AddInterceptors(new SqlitePragmas()));
        services.AddDbContext<PostgresKalkanDb>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<IOptions<StoreOptions>>().Value.Db));
        services.AddScoped<KalkanDb>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres
            ? sp.GetRequiredService<PostgresKalkanDb>()
            : sp.GetRequiredService<SqliteKalkanDb>());
        return services;
    }

    /// <summary>Creates the data folder (owner-only) and brings the schema up to date.</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        DataFolder.Ensure(options.DataDir);
        if (await StoreProbe.SchemaIsCurrentAsync(options, ct)) return;
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KalkanDb>().Database.MigrateAsync(ct);
    }
}
