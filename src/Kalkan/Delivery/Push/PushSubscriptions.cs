using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Delivery.Push;

/// <summary>A phone's push subscription, added and removed by her: shared by the API and the alerts page, which map its outcome.</summary>
public sealed class PushSubscriptions(KalkanDb db, FieldCipher cipher, BlindIndex blind, IOptions<PushOptions> options, TimeProvider clock)
{
    public const string TooManyTitle = "This account has as many phones for notifications as it may; remove one first.";
    public const string NoSuchSubscription = "No such subscription.";

    /// <returns>201 with the subscription's id; 400 naming the field; 409 when she has as many phones as she may.</returns>
    public async Task<Outcome<Guid>> AddAsync(Guid me, string? endpointUrl, string? p256dhKey, string? authKey, CancellationToken ct)
    {
        var errors = new Validation();
        var endpoint = CheckEndpoint(endpointUrl, options.Value, errors);
        var p256dh = Decode(p256dhKey, 65, "keys.p256dh", errors);
        var auth = Decode(authKey, 16, "keys.auth", errors);
        if (p256dh is not null)
        {
            try { using var _ = WebPushCrypto.ImportPublic(p256dh); }
            catch (CryptographicException) { errors.Add("keys.p256dh", "Not a P-256 public key."); }
        }
        if (errors.Any) return Outcome<Guid>.Invalid(errors);

        var index = blind.Compute(PushSubscription.Table, PushEndpoints.EndpointColumn, endpoint!.AbsoluteUri);
        var subscriptions = db.Set<PushSubscription>();
        if (await subscriptions.CountAsync(s => s.MemberId == me && s.EndpointIndex != index, ct) >= options.Value.MaxSubscriptionsPerMember)
            return Outcome<Guid>.Conflict(TooManyTitle);
        // The same phone subscribing again (or after another member used it) replaces the old row.
        await subscriptions.Where(s => s.EndpointIndex == index).ExecuteDeleteAsync(ct);
        var row = new PushSubscription { MemberId = me, EndpointSealed = [], EndpointIndex = index, P256dhSealed = [], AuthSealed = [], LanguageSealed = [], CreatedAt = clock.GetUtcNow() };
        row.EndpointSealed = cipher.Encrypt(endpoint.AbsoluteUri, new FieldRef(PushSubscription.Table, PushEndpoints.EndpointColumn, row.Id));
        row.P256dhSealed = cipher.Encrypt(p256dh!, new FieldRef(PushSubscription.Table, PushEndpoints.P256dhColumn, row.Id));
        row.AuthSealed = cipher.Encrypt(auth!, new FieldRef(PushSubscription.Table, PushEndpoints.AuthColumn, row.Id));
        // The language of the request (her pages' choice, else her phone's): the lock-screen text will be in it.
        row.LanguageSealed = cipher.Encrypt(System.Globalization.CultureInfo.CurrentUICulture.Name, new FieldRef(PushSubscription.Table, PushEndpoints.LanguageColumn, row.Id));
        subscriptions.Add(row);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Created(row.Id);
    }

    /// <returns>204; 400 without a readable endpoint; 404 when it is not a subscription of hers.</returns>
    public async Task<Outcome<bool>> RemoveAsync(Guid me, string? endpointUrl, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(endpointUrl) || !Uri.TryCreate(endpointUrl, UriKind.Absolute, out var endpoint))
            return Outcome<bool>.Invalid(new Validation().Add("endpoint", "The subscription's endpoint URL."));
        var index = blind.Compute(PushSubscription.Table, PushEndpoints.EndpointColumn, endpoint.AbsoluteUri);
        var removed = await db.Set<PushSubscription>().Where(s => s.EndpointIndex == index && s.MemberId == me).ExecuteDeleteAsync(ct);
        return removed > 0 ? Outcome<bool>.NoContent(true) : Outcome<bool>.Refused(StatusCodes.Status404NotFound, NoSuchSubscription);
    }

    /// <summary>Every phone of hers, gone: her account is deleted (in the deletion's transaction, on the same store).</summary>
    public Task ForgetMemberAsync(Guid member, CancellationToken ct) =>
        db.Set<PushSubscription>().Where(s => s.MemberId == member).ExecuteDeleteAsync(ct);

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
