using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Seal;

public static class SealServices
{
    public const string UnsealLimit = "unseal";

    public static IServiceCollection AddSeal(this IServiceCollection services)
    {
        services.AddOptions<UnsealOptions>().BindConfiguration(UnsealOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SealState>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<SealRecordReader>();
        services.AddSingleton<Unsealer>();
        services.AddHostedService<SealStartup>();
        services.AddHostedService<UnsealSocket>();
        // Unsealing is an operator's act: a handful a minute is plenty, and no address is kept to
        // tell callers apart, so the limit is one for everyone.
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<UnsealOptions>>((options, unseal) => options.AddPolicy(UnsealLimit, _ =>
            RateLimitPartition.GetFixedWindowLimiter("unseal", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = unseal.Value.PerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        return services;
    }

    public static IApplicationBuilder UseSealGate(this IApplicationBuilder app) => app.UseMiddleware<SealGate>();
}
