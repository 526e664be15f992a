namespace Kalkan.Setup;

public static class SetupServices
{
    public static IServiceCollection AddSetup(this IServiceCollection services)
    {
        services.AddScoped<NetworkSetup>();
        services.AddSingleton<SetupCode>();
        services.AddHostedService<SetupCode.OnFreshStore>();
        return services;
    }
}
