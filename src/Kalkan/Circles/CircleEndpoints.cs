using System.Security.Claims;
using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalkan.Circles;

/// <summary>Her circle: up to eight members she invites, who accept; either side can leave.</summary>
public static class CircleEndpoints
{
    public sealed record InviteRequest(string? Handle);
    public sealed record IdResponse(Guid Id);
    public sealed record Place(Guid Id, string Handle, bool Accepted);
    public sealed record CircleView(List<Place> Members, List<Place> MemberOf);

    public static RouteGroupBuilder MapCircle(this RouteGroupBuilder api)
    {
        api.MapGet("/circle", Show);
        api.MapPost("/circle/members", Invite);
        api.MapPost("/circle/invitations/{id:guid}/accept", Accept);
        api.MapDelete("/circle/members/{id:guid}", Leave);
        return api;
    }

    public static async Task<Ok<CircleView>> Show(ClaimsPrincipal user, CircleDirectory circles, CancellationToken ct)
    {
        var me = user.MemberId();
        var members = new List<Place>();
        foreach (var link in await circles.LinksOwnedByAsync(me, ct))
            members.Add(new Place(link.Id, link.AcceptedAt is null ? circles.InvitedHandleOf(link) : await circles.HandleOfAsync(circles.PairOf(link).Member, ct), link.AcceptedAt is not null));
        var memberOf = new List<Place>();
        foreach (var link in await circles.LinksToAsync(me, ct))
            memberOf.Add(new Place(link.Id, await circles.HandleOfAsync(circles.PairOf(link).Owner, ct), link.AcceptedAt is not null));
        return TypedResults.Ok(new CircleView(members, memberOf));
    }

    /// <summary>
    /// Invites a handle. Whether anyone has it is never told: a handle no member has gets a pending
    /// invitation like any other, which nobody can accept, so the answer (and its work) is the same.
    /// A full circle is refused before the handle is looked at.
    /// </summary>
    public static async Task<Results<Created<IdResponse>, ValidationProblem, ProblemHttpResult>> Invite(InviteRequest request, ClaimsPrincipal user,
        KalkanDb db, MemberAccounts accounts, CircleDirectory circles, IOptions<CirclesOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Validation();
        if (Handles.Problem(request.Handle) is { } problem) errors.Add("handle", problem);
        if (errors.Any) return errors.Problem();
        var me = user.MemberId();
        var links = await circles.LinksOwnedByAsync(me, ct);
        if (links.Count >= options.Value.MaxCircle)
            return TypedResults.Problem(title: "Your circle is full.", statusCode: StatusCodes.Status409Conflict);
        var handle = request.Handle!.Trim();
        var index = accounts.IndexOf(handle);
        var found = await db.Members.AsNoTracking().Where(m => m.HandleIndex == index && m.RevokedAt == null).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
        if (found == me) return TypedResults.Problem(title: "You cannot be in your own circle.", statusCode: StatusCodes.Status409Conflict);
        var typed = BlindIndex.Normalize(handle);
        if (links.Any(l => (found is not null && circles.PairOf(l).Member == found) || BlindIndex.Normalize(circles.InvitedHandleOf(l)) == typed))
            return TypedResults.Problem(title: "She is already in your circle, or invited.", statusCode: StatusCodes.Status409Conflict);
        var link = circles.NewLink(me, found ?? Guid.NewGuid(), handle, clock.GetUtcNow());
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/circle/members/{link.Id}", new IdResponse(link.Id));
    }

    public static async Task<Results<Ok<IdResponse>, ProblemHttpResult>> Accept(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles,
        TimeProvider clock, CancellationToken ct)
    {
        var mine = circles.LinkMemberIndex(user.MemberId());
        var accepted = await db.Set<CircleLink>().Where(l => l.Id == id && l.MemberIndex == mine && l.AcceptedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.AcceptedAt, clock.GetUtcNow()), ct);
        return accepted == 0 ? NotFound() : TypedResults.Ok(new IdResponse(id));
    }

    /// <summary>The owner takes someone out, or a member leaves (or declines): the same link, from either end.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, ClaimsPrincipal user, KalkanDb db, CircleDirectory circles, CancellationToken ct)
    {
        var (asOwner, asMember) = (circles.LinkOwnerIndex(user.MemberId()), circles.LinkMemberIndex(user.MemberId()));
        var removed = await db.Set<CircleLink>().Where(l => l.Id == id && (l.OwnerIndex == asOwner || l.MemberIndex == asMember)).ExecuteDeleteAsync(ct);
        return removed == 0 ? NotFound() : TypedResults.NoContent();
    }

    internal static ProblemHttpResult NotFound() => TypedResults.Problem(title: "Nothing is here.", statusCode: StatusCodes.Status404NotFound);
}
