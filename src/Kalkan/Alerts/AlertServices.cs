using Kalkan.Delivery;

namespace Kalkan.Alerts;

public static class AlertServices
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.IsValid(), "Alerts: every kind needs a positive lifetime; Corroboration, ReportsPerHour, RequestsPerMinute and SweepInterval must be positive; HistoryTimeZone a known zone")
            .ValidateOnStart();
        services.AddScoped<AlertDesk>();
        services.AddScoped<AlertReports>();
        services.AddScoped<LandmarkBook>();
        services.AddSingleton<SealedPlace>();
        services.AddScoped<Identity.Members.IMemberErasure, AlertErasure>();
        services.AddSingleton<ReportLimiter>();
        services.AddSingleton<AlertExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertExpiry>());
        services.AddPerMemberLimit<AlertOptions>(AlertEndpoints.GroupLimit, alerts => alerts.RequestsPerMinute);
        services.AddTileCache();
        return services;
    }

    /// <summary>The alerts API, landmarks, and the map tiles the pages draw on.</summary>
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app) =>
        app.MapAlertApi().MapLandmarks().MapTiles();
}
