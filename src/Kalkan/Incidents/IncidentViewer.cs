using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Incidents;

/// <summary>How much of the network's documentation someone sees: none, her own, or all of it.</summary>
public enum IncidentScope { None, Own, Network }

public sealed record Viewer(Guid MemberId, IncidentScope Scope, byte[] OwnerIndex);

/// <summary>
/// Decides a viewer from the session through the same policies the endpoints use, so a defender
/// without a required second factor sees as a member does: nothing. Researchers see no incident
/// one by one; their share is the aggregate analysis.
/// </summary>
public sealed class IncidentViewers(IAuthorizationService authorization, BlindIndex blind)
{
    public async Task<Viewer> OfAsync(ClaimsPrincipal user)
    {
        var id = user.MemberId();
        var scope = (await authorization.AuthorizeAsync(user, Roles.Defender)).Succeeded ? IncidentScope.Network
            : user.IsInRole(Roles.Documenter) && (await authorization.AuthorizeAsync(user, Roles.Documenter)).Succeeded ? IncidentScope.Own
            : IncidentScope.None;
        return new Viewer(id, scope, OwnerIndexOf(id));
    }

    public byte[] OwnerIndexOf(Guid memberId) => blind.Compute(Incident.Table, Incident.OwnerColumn, memberId.ToString("N"));
}

public static class IncidentVisibility
{
    /// <summary>Authorization inside the query: what this viewer may not see is simply not there.</summary>
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, Viewer viewer)
    {
        var owner = viewer.OwnerIndex;
        return viewer.Scope switch
        {
            IncidentScope.Network => incidents,
            IncidentScope.Own => incidents.Where(i => i.OwnerIndex == owner),
            _ => incidents.Where(i => false),
        };
    }
}
