namespace Kalkan.Limits;

public static class LimitServices
{
    /// <summary>Several instances on one PostgreSQL count their limits there (decision 1603); one instance on SQLite counts in memory.</summary>
    public static IServiceCollection AddLimits(this IServiceCollection services) =>
        services.AddSingleton<LimitCounters>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres
            ? ActivatorUtilities.CreateInstance<StoreCounters>(sp)
            : ActivatorUtilities.CreateInstance<MemoryCounters>(sp));
}
