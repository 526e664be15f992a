using System.Threading.RateLimiting;
using Kalkan.Delivery.Push;
using Kalkan.Limits;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Delivery;

public static class DeliveryServices
{
    public const string PushLimit = "push";

    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.Heartbeat > TimeSpan.Zero && o.SessionCheck > TimeSpan.Zero && o.ReplayEvents > 0 && o.QueuePerConnection > 0, "Delivery: heartbeat, replay and queue sizes must be positive")
            .ValidateOnStart();
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section)
            .Validate(o => o.TimeToLive >= TimeSpan.Zero && o.MaxSubscriptionsPerMember > 0 && o.CallsPerMinute > 0, "Push: TimeToLive, MaxSubscriptionsPerMember and CallsPerMinute must be positive")
            .ValidateOnStart();
        services.AddSingleton<PushQueue>();
        services.AddSingleton<StreamHub>();
        // Several instances on one PostgreSQL share their events (docs/decisions/1600); idle on SQLite.
        services.AddSingleton<Shared.EventOutbox>();
        services.AddSingleton<Shared.EventLog>();
        services.AddSingleton<Shared.EventFeed>();
        services.AddSingleton<Shared.ClaimedEvents>();
        services.AddHostedService(sp => sp.GetRequiredService<Shared.EventFeed>());
        services.AddHostedService<Shared.EventLogWriter>();
        services.AddHostedService<PushSender>();
        services.AddHostedService<StreamSessionCheck>();
        services.AddScoped<PushSubscriptions>();
        // No request logging: HttpClientFactory would write each push endpoint (which names a phone) to the log.
        services.AddHttpClient(PushSender.Client, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
            .RemoveAllLoggers();
        services.AddPerMemberLimit<PushOptions>(PushLimit, push => push.CallsPerMinute);
        return services;
    }

    public static IEndpointRouteBuilder MapDelivery(this IEndpointRouteBuilder app) => app.MapPush();

    /// <summary>A feature's <see cref="PerMember"/> window of a minute, as many calls as its own settings allow.</summary>
    public static IServiceCollection AddPerMemberLimit<TOptions>(this IServiceCollection services, string policy, Func<TOptions, int> perMinute)
        where TOptions : class =>
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TOptions>>((limiter, options) =>
            PerMember(limiter, policy, perMinute(options.Value), TimeSpan.FromMinutes(1))).Services;

    /// <summary>
    /// A fixed window per signed-in member (by her id; no address is kept), for features whose calls
    /// a flood would abuse. One member's flood spends only her own permits. A caller with no member
    /// (never one the authorization let through today) gets a bucket per route of its own, which no
    /// member's bucket is, so anonymous traffic cannot starve members. One instance counts in memory;
    /// several on PostgreSQL count together in the store (decision 1603), one round trip a call.
    /// </summary>
    public static void PerMember(RateLimiterOptions options, string policy, int permits, TimeSpan window)
    {
        var rule = new CountRule("requests " + policy, window);
        options.AddPolicy(policy, context => context.RequestServices.GetRequiredService<LimitCounters>() is { Shared: true } counters
            ? RateLimitPartition.Get(PartitionOf(context), key => new CountedWindow(counters, rule, key, permits))
            : RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
    }

    internal static string PartitionOf(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } member
            ? "member " + member
            : "anonymous " + ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
}
