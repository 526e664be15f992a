using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Cases;

/// <summary>Who is asking about cases: every defender sees that cases exist; admins and a case's own defenders see all of it.</summary>
public sealed record CaseReader(Guid MemberId, bool Defender, bool Admin, byte[] AssigneeIndex);

/// <summary>Decides a reader through the same policies the endpoints use, so a defender without a required second factor sees nothing.</summary>
public sealed class CaseReaders(IAuthorizationService authorization, CaseKeys keys)
{
    public async Task<CaseReader> OfAsync(ClaimsPrincipal user)
    {
        var id = user.MemberId();
        var defender = (await authorization.AuthorizeAsync(user, Roles.Defender)).Succeeded;
        var admin = defender && (await authorization.AuthorizeAsync(user, Roles.Admin)).Succeeded;
        return new CaseReader(id, defender, admin, keys.AssigneeIndexOf(id));
    }
}

public static class CaseVisibility
{
    /// <summary>Authorization inside the query: that a case exists, its body, status and perpetrators.</summary>
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, CaseReader reader)
    {
        var defender = reader.Defender;
        return cases.Where(c => defender);
    }

    /// <summary>Authorization inside the query: everything of the case, the people behind it included.</summary>
    public static IQueryable<Case> HandledBy(this IQueryable<Case> cases, KalkanDb db, CaseReader reader)
    {
        var (defender, admin, index) = (reader.Defender, reader.Admin, reader.AssigneeIndex);
        return cases.Where(c => defender && (admin || db.Set<CaseAssignee>().Any(a => a.CaseId == c.Id && a.MemberIndex == index)));
    }
}
