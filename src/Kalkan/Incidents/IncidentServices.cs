namespace Kalkan.Incidents;

public static class IncidentServices
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddScoped<IncidentViewers>();
        services.AddScoped<IncidentRecorder>();
        services.AddScoped<IncidentReader>();
        services.AddScoped<PseudonymRegistry>();
        services.AddScoped<PerpetratorProfiles>();
        services.AddIncidentWitness();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app) =>
        app.MapIncidentApi().MapPerpetratorApi();
}
