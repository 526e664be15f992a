using System.Security.Claims;
using Kalkan.Sessions;
using Kalkan.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Members;

/// <summary>The defenders' view of the network: who is in it (by handle), who invited whom, and cutting people off.</summary>
public static class MemberEndpoints
{
    public sealed record MemberView(Guid Id, string Handle, string Role, Guid? InvitedBy, DateTimeOffset CreatedAt, bool Revoked);
    public sealed record RevokeRequest(bool? Branch);
    public sealed record RevokeResponse(int Revoked);

    public static IEndpointRouteBuilder MapMemberDirectory(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members").WithTags("Members").RequireAuthorization(Roles.Defender);
        members.MapGet("/", List);
        members.MapPost("/{id:guid}/revoke", Revoke);
        return app;
    }

    public static async Task<Ok<List<MemberView>>> List(KalkanDb db, MemberAccounts accounts, CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(ct);
        // Decoys are told apart only inside the seal.
        return TypedResults.Ok(rows.Where(m => !accounts.DuressOf(m).IsDecoy)
            .Select(m => new MemberView(m.Id, accounts.HandleOf(m), m.Role, accounts.InviterOf(m.Id, m.InvitedBySealed), m.CreatedAt, m.RevokedAt is not null)).ToList());
    }

    public static async Task<Results<Ok<RevokeResponse>, ProblemHttpResult>> Revoke(
        Guid id, RevokeRequest? request, ClaimsPrincipal user, KalkanDb db, MemberAccounts accounts, Invitations invitations, SessionStore sessions,
        Audit.AuditChain audit, TimeProvider clock, CancellationToken ct)
    {
        // The tree is sealed in the store; it is drawn here, in memory, from every member's sealed inviter.
        var tree = (await db.Members.AsNoTracking().ToListAsync(ct))
            .Select(m => (Row: m, State: accounts.DuressOf(m))).Where(m => !m.State.IsDecoy)
            .Select(m => new { m.Row.Id, InvitedBy = accounts.InviterOf(m.Row.Id, m.Row.InvitedBySealed), m.Row.Role, m.State.DecoyId }).ToList();
        var target = tree.SingleOrDefault(m => m.Id == id);
        if (target is null) return TypedResults.Problem(title: "No such member.", statusCode: StatusCodes.Status404NotFound);
        if (id == user.MemberId()) return TypedResults.Problem(title: "You cannot revoke yourself.", statusCode: StatusCodes.Status409Conflict);

        var chosen = new HashSet<Guid> { id };
        if (request?.Branch == true)
        {
            // Everyone she invited, and everyone they invited, down the tree (never the one revoking).
            var frontier = new Queue<Guid>([id]);
            while (frontier.TryDequeue(out var parent))
                foreach (var child in tree.Where(m => m.InvitedBy == parent && m.Id != user.MemberId()))
                    if (chosen.Add(child.Id)) frontier.Enqueue(child.Id);
        }
        if (!user.IsInRole(Roles.Admin) && tree.Any(m => chosen.Contains(m.Id) && m.Role == Roles.Admin))
            return TypedResults.Problem(title: "Only an admin can revoke an admin.", statusCode: StatusCodes.Status403Forbidden);

        var ids = chosen.Concat(tree.Where(m => chosen.Contains(m.Id) && m.DecoyId is not null).Select(m => m.DecoyId!.Value)).ToList();
        var now = clock.GetUtcNow();
        var revoked = await db.Members.Where(m => chosen.Contains(m.Id) && m.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.RevokedAt, now), ct);
        var decoys = ids.Except(chosen).ToList();
        await db.Members.Where(m => decoys.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.RevokedAt, now), ct);
        foreach (var member in ids) await sessions.EndAllOfAsync(member, ct);
        // Her unused invitation codes die with her: nobody joins on the word of someone cut off.
        await invitations.EndCodesOfAsync(chosen, ct);
        foreach (var member in chosen) await audit.RecordAsync(Audit.AuditActions.MemberRevoked, member, ct);
        return TypedResults.Ok(new RevokeResponse(revoked));
    }
}
