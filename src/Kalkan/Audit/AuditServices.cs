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
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditChain>();
}
