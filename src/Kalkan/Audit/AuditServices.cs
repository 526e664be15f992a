namespace Kalkan.Audit;

/// <summary>Actions recorded in the chain. Ids only, never a handle, place or text.</summary>
public static class AuditActions
{
    public const string NetworkCreated = "network.created", Unsealed = "seal.unsealed", Sealed = "seal.sealed",
        InvitationCreated = "invitation.created", MemberJoined = "member.joined", MemberRevoked = "member.revoked",
        AccountDeleted = "account.deleted", SecondFactorRequirement = "network.second-factor";
}

public static class AuditServices
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditChain>().AddScoped<ISealObserver, SealAudit>().AddAuditWitnesses();

    /// <summary>
    /// Every feature's <see cref="IAuditWitness"/>, found in the assembly as the store finds each
    /// feature's entity configuration: the audit names no feature, and `audit verify` checks the
    /// same fingerprints as the server.
    /// </summary>
    public static IServiceCollection AddAuditWitnesses(this IServiceCollection services)
    {
        foreach (var witness in typeof(IAuditWitness).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IAuditWitness))))
            services.AddScoped(typeof(IAuditWitness), witness);
        return services;
    }
}
