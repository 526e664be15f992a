using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Localization;

namespace Kalkan.Delivery.Push;

/// <summary>
/// Sends the queued pushes to their audiences' subscriptions, all those waiting in one round: the neutral text, encrypted for each
/// phone (RFC 8291), signed with the network's VAPID key (RFC 8292). A subscription its push
/// service calls gone (404, 410) is deleted. Endpoints are never logged. A subscription changed on
/// disk (it no longer opens) is left out and counted (<see cref="SealedRows"/>): every other phone still
/// hears, where before that one row stopped every push to everyone.
/// </summary>
sealed class PushSender(PushQueue queue, IServiceScopeFactory scopes, IHttpClientFactory http, SealState seal,
    IOptionsMonitor<PushOptions> options, IStringLocalizer<Web.SharedResource> texts, TimeProvider clock, ILogger<PushSender> log) : BackgroundService
{
    public const string Client = "push";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var first in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (seal.Status != SealStatus.Ready) continue; // the keys are gone; so are the sessions that asked
            // Whatever else waits goes in the same round: a phone hears once for everything that came while the
            // last round was being sent (a burst of missed check-ins, announced in batches), and the store is asked once.
            var waiting = new List<Audience> { first };
            while (queue.Reader.TryRead(out var more)) waiting.Add(more);
            var audience = Audience.AnyOf(waiting);
            try
            {
                await SendAsync(audience, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Push round failed: {Type}", e.GetType().Name);
            }
        }
    }

    async Task SendAsync(Audience audience, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var subscriptions = await db.Set<PushSubscription>().AsNoTracking().ToListAsync(ct);
        // Her effective role, as her session would have it; a revoked member has none and hears nothing.
        var roles = await scope.ServiceProvider.GetRequiredService<IListenerDirectory>().RolesAsync([.. subscriptions.Select(s => s.MemberId).Distinct()], ct);
        var targets = subscriptions.Where(s => roles.TryGetValue(s.MemberId, out var role) && audience.Includes(s.MemberId, role)).ToList();
        if (targets.Count == 0) return;

        var settings = options.CurrentValue;
        var phones = SealedRows.OpenEach(targets, t => (t.Id,
            Language: cipher.DecryptString(t.LanguageSealed, new FieldRef(PushSubscription.Table, PushEndpoints.LanguageColumn, t.Id)),
            Endpoint: new Uri(cipher.DecryptString(t.EndpointSealed, new FieldRef(PushSubscription.Table, PushEndpoints.EndpointColumn, t.Id))),
            P256dh: cipher.Decrypt(t.P256dhSealed, new FieldRef(PushSubscription.Table, PushEndpoints.P256dhColumn, t.Id)),
            Auth: cipher.Decrypt(t.AuthSealed, new FieldRef(PushSubscription.Table, PushEndpoints.AuthColumn, t.Id))), log, "push subscriptions");
        var messages = phones.Select(p => p.Language).Distinct().ToDictionary(l => l, l => MessageIn(l, settings));
        using var vapid = (await VapidKey.OfNetworkAsync(db, cipher, ct)).Open(cipher);
        var gone = new List<Guid>();
        var client = http.CreateClient(Client);
        await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (target, token) =>
        {
            var endpoint = target.Endpoint;
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(WebPushCrypto.Encrypt(messages[target.Language], target.P256dh, target.Auth)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Content.Headers.ContentEncoding.Add("aes128gcm");
            request.Headers.TryAddWithoutValidation("TTL", ((int)settings.TimeToLive.TotalSeconds).ToString());
            request.Headers.TryAddWithoutValidation("Urgency", "high");
            lock (vapid) request.Headers.TryAddWithoutValidation("Authorization", Vapid.AuthorizationValue(vapid, endpoint, settings.Subject, clock.GetUtcNow()));
            try
            {
                using var response = await client.SendAsync(request, token);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) lock (gone) gone.Add(target.Id);
                else if (!response.IsSuccessStatusCode) log.LogInformation("A push service answered {Status}", (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !token.IsCancellationRequested))
            {
                log.LogInformation("A push service could not be reached");
            }
        });
        if (gone.Count > 0) await db.Set<PushSubscription>().Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The neutral text in her language: the network's Push:Title and Push:Body as the shared
    /// strings translate them (a text the network wrote itself and nobody translated stays as written).
    /// </summary>
    byte[] MessageIn(string language, PushOptions settings)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Web.Localization.Languages.Contains(language) ? CultureInfo.GetCultureInfo(language) : CultureInfo.InvariantCulture;
            return JsonSerializer.SerializeToUtf8Bytes(new { title = texts[settings.Title].Value, body = texts[settings.Body].Value, url = "/alerts" });
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
