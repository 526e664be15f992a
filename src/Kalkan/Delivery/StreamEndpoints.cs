namespace Kalkan.Delivery;

/// <summary>
/// Every member's one live stream: alerts, and whatever else features publish to her
/// (<see cref="StreamHub"/>). Delivery's endpoint, mounted by the alerts API under its historic
/// URL (GET /api/v1/alerts/stream) with that group's authorization and per-member limit, which
/// count stream connections (docs/decisions/1401).
/// </summary>
public static class StreamEndpoints
{
    public static RouteHandlerBuilder MapEventStream(this IEndpointRouteBuilder routes, string pattern) =>
        routes.MapGet(pattern, Stream).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    public static EventStream Stream(ClaimsPrincipal user, StreamHub hub, IListenerIdentity listeners) => new(hub, listeners.Of(user));
}
