using System.Threading.Channels;
using Kalkan.Delivery.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Tests.Delivery;

/// <summary>An installed phone gets a push for a new alert: encrypted for it, signed with the network's VAPID key, saying nothing of the alert.</summary>
public class WebPushTests
{
    internal sealed record Received(string? Authorization, string? Encoding, string? Ttl, byte[] Body, string Path = "");

    [Theory, Stores]
    public async Task A_new_alert_reaches_a_subscribed_phone_as_a_neutral_encrypted_push_signed_with_the_networks_key(Store kind)
    {
        var inbox = Channel.CreateUnbounded<Received>();
        var answer = HttpStatusCode.Created;
        await using var service = await FakePushServiceAsync(inbox, () => answer);
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var (phone, _) = await kalkan.MemberAsync();
        var (reporter, _) = await kalkan.MemberAsync();
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var endpoint = service.Urls.Single() + "/push/" + Guid.NewGuid().ToString("N");
        var subscribed = await phone.PostAsJsonAsync("/api/v1/push/subscriptions", new
        {
            endpoint, expirationTime = (string?)null,
            keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(browser)), auth = WebEncoders.Base64UrlEncode(auth) },
        });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var publicKey = (await phone.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString()!;
        Assert.Equal(65, WebEncoders.Base64UrlDecode(publicKey).Length);

        await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 42.87, lon = 74.59, note = "secret detail" });
        var push = await ReadAsync(inbox);

        Assert.Equal("aes128gcm", push.Encoding);
        Assert.Equal("3600", push.Ttl);
        var message = Encoding.UTF8.GetString(PushDecryption.Decrypt(push.Body, browser, auth));
        var json = JsonDocument.Parse(message).RootElement;
        Assert.Equal("Notes", json.GetProperty("title").GetString());
        Assert.DoesNotContain("raid", message);
        Assert.DoesNotContain("42.87", message);
        Assert.DoesNotContain("secret", message);
        Assert.StartsWith("vapid t=", push.Authorization);
        var token = push.Authorization![8..push.Authorization!.IndexOf(',')];
        Assert.True(Vapid.Verify(token, WebEncoders.Base64UrlDecode(publicKey)));
        Assert.EndsWith("k=" + publicKey, push.Authorization);

        // The phone uninstalled: its push service says gone, and the subscription is deleted.
        answer = HttpStatusCode.Gone;
        await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "raid", lat = 10.0, lon = 10.0 });
        await ReadAsync(inbox);
        await Eventually.HoldsAsync(async () => await CountAsync(kalkan) == 0, TimeSpan.FromSeconds(5));

        // An endpoint names the phone to its push service: no log line may hold it.
        var log = await File.ReadAllTextAsync(Path.Combine(kalkan.Store.DataDir, "logs", "kalkan.log"));
        Assert.DoesNotContain(endpoint[endpoint.LastIndexOf('/')..], log);
        Assert.DoesNotContain(new Uri(endpoint).Authority, log);
    }

    [Theory, Stores]
    public async Task The_lock_screen_text_is_in_the_language_her_phone_subscribed_in(Store kind)
    {
        var inbox = Channel.CreateUnbounded<Received>();
        await using var service = await FakePushServiceAsync(inbox, () => HttpStatusCode.Created);
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var (phone, _) = await kalkan.MemberAsync();
        var (reporter, _) = await kalkan.MemberAsync();
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var subscribe = new HttpRequestMessage(HttpMethod.Post, "/api/v1/push/subscriptions")
        {
            Content = JsonContent.Create(new
            {
                endpoint = service.Urls.Single() + "/push/" + Guid.NewGuid().ToString("N"),
                keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(browser)), auth = WebEncoders.Base64UrlEncode(auth) },
            }),
        };
        subscribe.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9");
        Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(subscribe)).StatusCode);

        await reporter.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.87, lon = 74.59 });
        var json = JsonDocument.Parse(PushDecryption.Decrypt((await ReadAsync(inbox)).Body, browser, auth)).RootElement;

        Assert.Equal("Заметки", json.GetProperty("title").GetString());
        Assert.Equal("Что-то новое", json.GetProperty("body").GetString());
    }

    [Theory, Stores]
    public async Task Subscriptions_take_only_push_services_and_real_keys_are_sealed_and_removed_by_their_owner(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (phone, _) = await kalkan.MemberAsync();
        var (someoneElse, _) = await kalkan.MemberAsync();
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(browser)), auth = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)) };

        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            // Made with the network, in the setup's transaction; its private half only sealed.
            var vapid = await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<VapidKey>().SingleAsync();
            Assert.Equal(65, vapid.PublicKey.Length);
            Assert.Equal(1 + 12 + 32 + 16, vapid.PrivateKeySealed.Length);
        }
        await Refused(phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "https://attacker.example/hook", keys }), "endpoint");
        await Refused(phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "http://127.0.0.1:8080/push", keys }), "endpoint");
        await Refused(phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "http://fcm.googleapis.com/fcm/send/x", keys }), "endpoint");
        var badPoint = new byte[65];
        badPoint[0] = 4;
        await Refused(phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "https://fcm.googleapis.com/fcm/send/x", keys = new { p256dh = WebEncoders.Base64UrlEncode(badPoint), keys.auth } }), "keys.p256dh");
        await Refused(phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "https://fcm.googleapis.com/fcm/send/x", keys = new { keys.p256dh, auth = "short" } }), "keys.auth");
        Assert.Equal(0, await CountAsync(kalkan));

        const string endpoint = "https://fcm.googleapis.com/fcm/send/canary-endpoint-3b9c";
        Assert.Equal(HttpStatusCode.Created, (await phone.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint, keys })).StatusCode);
        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<PushSubscription>().SingleAsync();
            Assert.False(row.EndpointSealed.AsSpan().IndexOf(Encoding.UTF8.GetBytes("canary-endpoint")) >= 0);
        }
        var notHers = await someoneElse.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/push/subscriptions") { Content = JsonContent.Create(new { endpoint }) });
        Assert.Equal(HttpStatusCode.NotFound, notHers.StatusCode);
        var removed = await phone.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/push/subscriptions") { Content = JsonContent.Create(new { endpoint }) });
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, await CountAsync(kalkan));
    }

    static async Task Refused(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Theory, Stores]
    public async Task Events_that_come_together_reach_a_phone_as_one_push_not_one_each(Store kind)
    {
        // The push service holds its first answer, so that five more events for her wait in the queue behind it.
        var inbox = Channel.CreateUnbounded<Received>();
        using var holdFirst = new ManualResetEventSlim();
        var answered = 0;
        await using var service = await FakePushServiceAsync(inbox, () =>
        {
            if (Interlocked.Increment(ref answered) == 1) holdFirst.Wait(TimeSpan.FromSeconds(30));
            return HttpStatusCode.Created;
        });
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var (aizada, aizadaId) = await kalkan.MemberAsync();
        var (cholpon, cholponId) = await kalkan.MemberAsync();
        await SubscribeAsync(aizada, service, "aizada");
        await SubscribeAsync(cholpon, service, "cholpon");
        var hub = kalkan.Services.GetRequiredService<Kalkan.Delivery.StreamHub>();
        var toAizada = Kalkan.Delivery.Audience.Members([aizadaId]);

        hub.Publish("test", new { n = 0 }, toAizada, push: true);
        Assert.Equal("/push/aizada", (await ReadAsync(inbox)).Path);
        for (var n = 1; n <= 5; n++) hub.Publish("test", new { n }, toAizada, push: true);
        hub.Publish("test", new { n = 6 }, Kalkan.Delivery.Audience.Members([cholponId]), push: true);
        holdFirst.Set();

        // Rounds go one after another: had each event its own, Aizada's five would all come before Cholpon's.
        var aizadaHeard = 1;
        while ((await ReadAsync(inbox)).Path != "/push/cholpon") aizadaHeard++;
        Assert.True(aizadaHeard <= 2, $"Aizada's phone got {aizadaHeard} pushes before the round that reached Cholpon");
        if (aizadaHeard == 1) Assert.Equal("/push/aizada", (await ReadAsync(inbox)).Path); // in the same round as Cholpon's
    }

    /// <summary>Subscribes her phone at <c>/push/{name}</c> of the fake push service, with a browser's keys (new ones unless given).</summary>
    internal static async Task SubscribeAsync(HttpClient phone, WebApplication service, string name, ECDiffieHellman? browser = null, byte[]? auth = null)
    {
        using var made = browser is null ? ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256) : null;
        var subscribed = await phone.PostAsJsonAsync("/api/v1/push/subscriptions", new
        {
            endpoint = service.Urls.Single() + "/push/" + name,
            keys = new
            {
                p256dh = WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(browser ?? made!)),
                auth = WebEncoders.Base64UrlEncode(auth ?? RandomNumberGenerator.GetBytes(16)),
            },
        });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
    }

    internal static async Task<Received> ReadAsync(Channel<Received> inbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await inbox.Reader.ReadAsync(timeout.Token);
    }

    static async Task<int> CountAsync(KalkanFactory kalkan)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<PushSubscription>().CountAsync();
    }

    /// <summary>A push service on loopback: keeps what it is sent and answers as told.</summary>
    internal static async Task<WebApplication> FakePushServiceAsync(Channel<Received> inbox, Func<HttpStatusCode> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/push/{id}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            inbox.Writer.TryWrite(new Received(request.Headers.Authorization, request.Headers.ContentEncoding, request.Headers["TTL"], body.ToArray(), request.Path));
            return Results.StatusCode((int)answer());
        });
        await app.StartAsync();
        return app;
    }
}
