namespace Kalkan.Identity.Members;

public sealed class MemberOptions
{
    public const string Section = "Members";

    /// <summary>Argon2id cost for member passphrases; OWASP's minimum unless raised here.</summary>
    public int PassphraseMemoryKib { get; set; } = PassphraseHasher.Default.MemoryKib;
    public int PassphraseIterations { get; set; } = PassphraseHasher.Default.Iterations;

    /// <summary>How long an invitation code can be used.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Join attempts one code allows (a taken handle, a typo) before it dies: enough for her, too few to try handles with.</summary>
    public int JoinAttemptsPerCode { get; set; } = 5;
}

public static class MemberServices
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddOptions<MemberOptions>().BindConfiguration(MemberOptions.Section)
            .Validate(o => o.PassphraseMemoryKib >= 19 * 1024 && o.PassphraseIterations >= 2, "Member passphrase hashing below OWASP's minimum (m=19 MiB, t=2)")
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero, "Members:InvitationLifetime must be positive")
            .Validate(o => o.JoinAttemptsPerCode is >= 1 and <= 20, "Members:JoinAttemptsPerCode must be 1 to 20")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemberOptions>>().Value;
            return new PassphraseHasher(new KdfParameters(o.PassphraseMemoryKib, o.PassphraseIterations, 1), sp.GetRequiredService<SealState>());
        });
        services.AddScoped<MemberAccounts>();
        services.AddScoped<Invitations>();
        services.AddScoped<PassphraseCheck>();
        services.AddScoped<DuressWarnings>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<IMemberErasure, PushErasure>();
        services.AddScoped<AccountDesk>();
        services.AddScoped<PassphraseDesk>();
        services.AddScoped<SecondFactorDesk>();
        services.AddScoped<InviteDesk>();
        services.AddScoped<MemberDirectory>();
        return services;
    }

    /// <summary>Invitations and joining, the defenders' directory, her own account, the second factor.</summary>
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app) =>
        app.MapInvites().MapMemberDirectory().MapAccount().MapSecondFactor();
}
