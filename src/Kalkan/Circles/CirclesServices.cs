namespace Kalkan.Circles;

public static class CirclesServices
{
    public static IServiceCollection AddCircles(this IServiceCollection services)
    {
        services.AddOptions<CirclesOptions>().BindConfiguration(CirclesOptions.Section)
            .Validate(o => o.MaxCircle is >= 1 and <= 50 && o.TimerInterval > TimeSpan.Zero && o.EscalateAfter > TimeSpan.Zero && o.Retention >= TimeSpan.Zero, "Circles settings out of range")
            .ValidateOnStart();
        services.AddScoped<CircleDirectory>();
        services.AddScoped<Members.IMemberErasure, CircleErasure>();
        services.AddHostedService<CircleTimers>();
        services.AddScoped<Delivery.IStreamGreeting, CircleGreeting>();
        return services;
    }

    /// <summary>Circles, SOS and check-ins: every call is a member's, so one group carries the sign-in requirement.</summary>
    public static IEndpointRouteBuilder MapCircles(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Circles").RequireAuthorization(Members.Roles.Member);
        api.MapCircle();
        api.MapSos();
        api.MapCheckins();
        return app;
    }
}
