using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Delivery.Push;

/// <summary>The VAPID public key, and a phone's push subscription (added by her, removed by her: <see cref="PushSubscriptions"/> decides).</summary>
public static class PushEndpoints
{
    public const string EndpointColumn = "endpoint", P256dhColumn = "p256dh", AuthColumn = "auth", LanguageColumn = "language";

    public sealed record KeyResponse(string PublicKey);
    public sealed record SubscriptionKeys(string? P256dh, string? Auth);
    public sealed record SubscribeRequest(string? Endpoint, SubscriptionKeys? Keys);
    public sealed record UnsubscribeRequest(string? Endpoint);
    public sealed record SubscribeResponse(Guid Id);

    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        // Whoever is signed in (the members' policy admits every role): what she then hears is her audiences' business.
        var push = app.MapGroup("/api/v1/push").WithTags("Push").RequireAuthorization().RequireRateLimiting(DeliveryServices.PushLimit);
        push.MapGet("/key", Key);
        push.MapPost("/subscriptions", Subscribe);
        push.MapDelete("/subscriptions", Unsubscribe);
        return app;
    }

    public static async Task<Ok<KeyResponse>> Key(KalkanDb db, FieldCipher cipher, CancellationToken ct) =>
        TypedResults.Ok(new KeyResponse(WebEncoders.Base64UrlEncode((await VapidKey.OfNetworkAsync(db, cipher, ct)).PublicKey)));

    public static async Task<Results<Created<SubscribeResponse>, ValidationProblem, ProblemHttpResult>> Subscribe(SubscribeRequest request,
        ClaimsPrincipal user, IListenerIdentity listeners, PushSubscriptions subscriptions, CancellationToken ct)
    {
        var outcome = await subscriptions.AddAsync(listeners.Of(user).MemberId, request.Endpoint, request.Keys?.P256dh, request.Keys?.Auth, ct);
        return outcome.Ok ? TypedResults.Created((string?)null, new SubscribeResponse(outcome.Value)) : outcome.Errors is { } errors ? errors.Problem() : outcome.Refusal();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unsubscribe([Microsoft.AspNetCore.Mvc.FromBody] UnsubscribeRequest request,
        ClaimsPrincipal user, IListenerIdentity listeners, PushSubscriptions subscriptions, CancellationToken ct) =>
        (await subscriptions.RemoveAsync(listeners.Of(user).MemberId, request.Endpoint, ct)).NoContentOr();
}
