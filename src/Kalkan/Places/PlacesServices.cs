using Kalkan.Delivery;

namespace Kalkan.Places;

public static class PlacesServices
{
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddOptions<PlacesOptions>().BindConfiguration(PlacesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PlaceDirectory>();
        services.AddPerMemberLimit<PlacesOptions>(PlaceEndpoints.GroupLimit, places => places.RequestsPerMinute);
        return services;
    }

    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app) => app.MapPlaceApi();
}
