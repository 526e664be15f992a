using System.Threading.RateLimiting;
using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Sessions;

public static class SessionServices
{
    public const string SignInLimit = "signin";

    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateOnStart();
        services.AddScoped<SessionStore>();
        services.AddScoped<SignIn>();
        services.AddSingleton<DuressAlarm>();
        services.AddSingleton<FailureCounter>();
        services.AddHostedService<EndSessionsWhenSealed>();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorization(options =>
        {
            // A policy per role name; each admits that role and the roles above it.
            options.AddPolicy(Roles.Member, p => p.RequireRole(Roles.All));
            // Powers beyond a member's wait until a required second factor is set up.
            options.AddPolicy(Roles.Defender, p => p.RequireRole(Roles.Defender, Roles.Admin).RequireAssertion(HasSecondFactorIfRequired));
            options.AddPolicy(Roles.Documenter, p => p.RequireRole(Roles.Documenter, Roles.Defender, Roles.Admin).RequireAssertion(HasSecondFactorIfRequired));
            options.AddPolicy(Roles.Researcher, p => p.RequireRole(Roles.Researcher, Roles.Admin).RequireAssertion(HasSecondFactorIfRequired));
            options.AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin).RequireAssertion(HasSecondFactorIfRequired));
        });
        // Each sign-in costs an Argon2id (19 MiB): at most two per core run at once and the rest
        // wait their turn, so a flood bounds memory and queues instead of exhausting the server,
        // without keeping any address to tell callers apart.
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(SignInLimit, _ =>
            RateLimitPartition.GetConcurrencyLimiter("signin", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Environment.ProcessorCount * 2,
                QueueLimit = 200,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })));
        return services;
    }

    static bool HasSecondFactorIfRequired(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context) =>
        !context.User.HasClaim(SessionAuthentication.SecondFactorMissingClaim, "true");

    /// <summary>Sealing ends every session at once: the rows go, and tokens from before the seal never work again.</summary>
    sealed class EndSessionsWhenSealed(SealState seal, IServiceScopeFactory scopes, ILogger<EndSessionsWhenSealed> log) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            seal.Sealed += OnSealed;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct)
        {
            seal.Sealed -= OnSealed;
            return Task.CompletedTask;
        }

        void OnSealed()
        {
            try
            {
                using var scope = scopes.CreateScope();
                var sessions = scope.ServiceProvider.GetRequiredService<KalkanDb>().Sessions;
                var ended = sessions.ExecuteDelete();
                log.LogInformation("Sealed: ended {Count} sessions", ended);
            }
            catch (Exception e)
            {
                // They cannot be used anyway while this process runs: the authentication check refuses sessions older than the seal.
                log.LogWarning(e, "Could not delete sessions after sealing");
            }
        }
    }
}
