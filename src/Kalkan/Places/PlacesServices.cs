namespace Kalkan.Places;

public static class PlacesServices
{
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddOptions<PlacesOptions>().BindConfiguration(PlacesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PlaceDirectory>();
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(PlaceEndpoints.AddPlaceLimits);
        return services;
    }

    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app) => app.MapPlaceApi();
}
