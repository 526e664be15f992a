namespace Kalkan.Circles;

public static class CirclesServices
{
    public static IServiceCollection AddCircles(this IServiceCollection services)
    {
        services.AddOptions<CirclesOptions>().BindConfiguration(CirclesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CircleSeal>();
        services.AddScoped<CircleDirectory>();
        services.AddScoped<CallsAttended>();
        services.AddScoped<CircleBook>();
        services.AddScoped<SosDesk>();
        services.AddScoped<CheckinDesk>();
        services.AddScoped<RecentAlarms>();
        services.AddScoped<Identity.Members.IMemberErasure, CircleErasure>();
        services.AddHostedService<CircleTimers>();
        services.AddScoped<Delivery.IStreamGreeting, CircleGreeting>();
        return services;
    }

    /// <summary>Circles, SOS and check-ins: every call is a member's, so one group carries the sign-in requirement.</summary>
    public static IEndpointRouteBuilder MapCircles(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Circles").RequireAuthorization(Identity.Members.Roles.Member);
        api.MapCircle();
        api.MapSos();
        api.MapCheckins();
        return app;
    }
}
