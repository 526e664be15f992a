using Kalkan.Background;
using Kalkan.Identity.Members;
using Microsoft.AspNetCore.Authentication;

namespace Kalkan.Identity.Sessions;

public static class SessionServices
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SessionStore>();
        services.AddScoped<SignIn>();
        services.AddScoped<Delivery.IListenerDirectory, SessionListeners>();
        services.AddSingleton<Delivery.IListenerIdentity, SessionListenerIdentity>();
        services.AddSingleton<DuressAlarm>();
        services.AddHttpContextAccessor();
        services.AddSingleton<FailureCounter>();
        services.AddSingleton<PassphraseGuard>();
        services.AddHostedService<EndSessionsWhenSealed>();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        // A policy per role name, admitting that role and the roles above it. The role claim is
        // already her effective role (SessionStore), so no policy looks at a second factor again.
        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in Roles.Admitted) options.AddPolicy(policy, p => p.RequireRole(roles));
        });
        return services;
    }

    /// <summary>Sealing ends every session at once: the rows go, and tokens from before the seal never work again.</summary>
    sealed class EndSessionsWhenSealed(SealState seal, BackgroundQueue queue) : IHostedService
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

        // Off the sealing thread, on the queue: if it fails, the sessions cannot be used anyway while
        // this process runs (the authentication check refuses sessions older than the seal).
        void OnSealed() => queue.Enqueue("end sessions on seal", (services, ct) => services.GetRequiredService<KalkanDb>().Sessions.ExecuteDeleteAsync(ct));
    }
}
