using Kalkan.Delivery;
using Microsoft.AspNetCore.RateLimiting;

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
        services.AddScoped<Members.IMemberErasure, AlertErasure>();
        services.AddSingleton<ReportLimiter>();
        services.AddSingleton<AlertExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertExpiry>());
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<AlertOptions>>((limiter, alerts) =>
        {
            DeliveryServices.PerMember(limiter, AlertEndpoints.GroupLimit, alerts.Value.RequestsPerMinute, TimeSpan.FromMinutes(1));
        });
        services.AddTileCache();
        return services;
    }

    /// <summary>The alerts API, landmarks, and the map tiles the pages draw on.</summary>
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app) =>
        app.MapAlertApi().MapLandmarks().MapTiles();
}
