using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Delivery.Push;

/// <summary>The VAPID public key, and a phone's push subscription: added by her, removed by her.</summary>
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
        var push = app.MapGroup("/api/v1/push").WithTags("Push").RequireAuthorization(Roles.Member).RequireRateLimiting(DeliveryServices.PushLimit);
        push.MapGet("/key", Key);
        push.MapPost("/subscriptions", Subscribe);
        push.MapDelete("/subscriptions", Unsubscribe);
        return app;
    }

    public static async Task<Ok<KeyResponse>> Key(KalkanDb db, FieldCipher cipher, CancellationToken ct) =>
        TypedResults.Ok(new KeyResponse(WebEncoders.Base64UrlEncode((await VapidKey.OfNetworkAsync(db, cipher, ct)).PublicKey)));

    public static async Task<Results<Created<SubscribeResponse>, ValidationProblem, ProblemHttpResult>> Subscribe(SubscribeRequest request,
        ClaimsPrincipal user, KalkanDb db, FieldCipher cipher, BlindIndex blind, IOptions<PushOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Validation();
        var endpoint = CheckEndpoint(request.Endpoint, options.Value, errors);
        var p256dh = Decode(request.Keys?.P256dh, 65, "keys.p256dh", errors);
        var auth = Decode(request.Keys?.Auth, 16, "keys.auth", errors);
        if (p256dh is not null)
        {
            try { using var _ = WebPushCrypto.ImportPublic(p256dh); }
            catch (CryptographicException) { errors.Add("keys.p256dh", "Not a P-256 public key."); }
        }
        if (errors.Any) return errors.Problem();

        var me = user.MemberId();
        var index = blind.Compute(PushSubscription.Table, EndpointColumn, endpoint!.AbsoluteUri);
        var subscriptions = db.Set<PushSubscription>();
        if (await subscriptions.CountAsync(s => s.MemberId == me && s.EndpointIndex != index, ct) >= options.Value.MaxSubscriptionsPerMember)
            return TypedResults.Problem(title: "This account has as many phones for notifications as it may; remove one first.", statusCode: StatusCodes.Status409Conflict);
        // The same phone subscribing again (or after another member used it) replaces the old row.
        await subscriptions.Where(s => s.EndpointIndex == index).ExecuteDeleteAsync(ct);
        var row = new PushSubscription { MemberId = me, EndpointSealed = [], EndpointIndex = index, P256dhSealed = [], AuthSealed = [], LanguageSealed = [], CreatedAt = clock.GetUtcNow() };
        row.EndpointSealed = cipher.Encrypt(endpoint.AbsoluteUri, new FieldRef(PushSubscription.Table, EndpointColumn, row.Id));
        row.P256dhSealed = cipher.Encrypt(p256dh!, new FieldRef(PushSubscription.Table, P256dhColumn, row.Id));
        row.AuthSealed = cipher.Encrypt(auth!, new FieldRef(PushSubscription.Table, AuthColumn, row.Id));
        // The language of the request (her pages' choice, else her phone's): the lock-screen text will be in it.
        row.LanguageSealed = cipher.Encrypt(System.Globalization.CultureInfo.CurrentUICulture.Name, new FieldRef(PushSubscription.Table, LanguageColumn, row.Id));
        subscriptions.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new SubscribeResponse(row.Id));
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Unsubscribe([Microsoft.AspNetCore.Mvc.FromBody] UnsubscribeRequest request,
        ClaimsPrincipal user, KalkanDb db, BlindIndex blind, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Endpoint) || !Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint))
            return new Validation().Add("endpoint", "The subscription's endpoint URL.").Problem();
        var index = blind.Compute(PushSubscription.Table, EndpointColumn, endpoint.AbsoluteUri);
        var me = user.MemberId();
        var removed = await db.Set<PushSubscription>().Where(s => s.EndpointIndex == index && s.MemberId == me).ExecuteDeleteAsync(ct);
        return removed > 0 ? TypedResults.NoContent() : TypedResults.Problem(title: "No such subscription.", statusCode: StatusCodes.Status404NotFound);
    }

    static Uri? CheckEndpoint(string? value, PushOptions options, Validation errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048 || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            errors.Add("endpoint", "The push service URL the browser gave.");
            return null;
        }
        var loopback = options.AllowLoopback && uri.Scheme is "http" or "https" && IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip);
        var allowed = uri.Scheme == "https" && uri.IsDefaultPort &&
                      options.AllowedHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
        if (!loopback && !allowed)
        {
            errors.Add("endpoint", "Not a push service this server sends to.");
            return null;
        }
        return uri;
    }

    static byte[]? Decode(string? value, int length, string field, Validation errors)
    {
        try
        {
            var bytes = string.IsNullOrEmpty(value) || value.Length > 200 ? null : WebEncoders.Base64UrlDecode(value);
            if (bytes?.Length == length) return bytes;
        }
        catch (FormatException) { }
        errors.Add(field, $"Base64url of {length} bytes.");
        return null;
    }
}
