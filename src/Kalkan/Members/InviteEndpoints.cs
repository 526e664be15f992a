using System.Security.Claims;
using Kalkan.Sessions;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalkan.Members;

/// <summary>Invitations (defenders and admins) and joining with a code (anyone holding one).</summary>
public static class InviteEndpoints
{
    public sealed record InviteRequest(string? Role);
    public sealed record InviteResponse(string Code, DateTimeOffset ExpiresAt, string Link);
    public sealed record JoinRequest(string? Code, string? Handle, string? Passphrase);
    public sealed record JoinResponse(Guid Id, string Role);

    /// <summary>The time every join answer takes at least: above one Argon2id and a store write on a small server.</summary>
    static readonly TimeSpan JoinFloor = TimeSpan.FromMilliseconds(600);

    public static IEndpointRouteBuilder MapInvites(this IEndpointRouteBuilder app)
    {
        var invites = app.MapGroup("/api/v1/invites").WithTags("Members").RequireAuthorization(Roles.Defender);
        invites.MapPost("/", Invite);
        invites.MapGet("/", Open);
        invites.MapDelete("/{code}", Cancel);
        app.MapPost("/api/v1/join", Join).WithTags("Members").AllowAnonymous(); // limited inside, by PassphraseGuard
        return app;
    }

    public static async Task<Results<Created<InviteResponse>, ValidationProblem, ProblemHttpResult>> Invite(
        InviteRequest request, ClaimsPrincipal user, Invitations invitations, Audit.AuditChain audit, CancellationToken ct)
    {
        if (!Roles.IsKnown(request.Role))
            return new Validation().Add("role", "One of member, defender, documenter, researcher, admin.").Problem();
        if (request.Role == Roles.Admin && !user.IsInRole(Roles.Admin))
            return TypedResults.Problem(title: "Only an admin can invite an admin.", statusCode: StatusCodes.Status403Forbidden);
        var (code, expiresAt) = await invitations.CreateAsync(request.Role!, user.MemberId(), ct);
        await audit.RecordAsync(Audit.AuditActions.InvitationCreated, user.MemberId(), ct);
        return TypedResults.Created((string?)null, new InviteResponse(code, expiresAt, JoinLink(code)));
    }

    public static async Task<Results<Created<JoinResponse>, ValidationProblem, ProblemHttpResult>> Join(
        JoinRequest request, Invitations invitations, Audit.AuditChain audit, CancellationToken ct)
    {
        var errors = new Validation().Required("code", request.Code, 64);
        if (Handles.Problem(request.Handle) is { } handleProblem) errors.Add("handle", handleProblem);
        if (PassphrasePolicy.Problem(request.Passphrase) is { } passphraseProblem) errors.Add("passphrase", passphraseProblem);
        if (errors.Any) return errors.Problem();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (outcome, member) = await invitations.JoinAsync(request.Code!, request.Handle!.Trim(), request.Passphrase!, ct);
        if (outcome == JoinOutcome.Joined) await audit.RecordAsync(Audit.AuditActions.MemberJoined, member!.Id, ct);
        // Joining writes a member and an audit entry, a refusal writes nothing: on a slow store that
        // difference would time out which codes are live. Every answer waits out one floor (wall time,
        // what a prober measures), so 201, 409 and 410 leave at the same moment.
        var left = JoinFloor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
        return outcome switch
        {
            JoinOutcome.Gone => TypedResults.Problem(title: "This invitation was used or has expired. Ask for a new one.", statusCode: StatusCodes.Status410Gone),
            JoinOutcome.HandleTaken => TypedResults.Problem(title: "This handle is taken; choose another.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "handle" }),
            _ => TypedResults.Created((string?)null, new JoinResponse(member!.Id, member.Role)),
        };
    }

    /// <summary>Her invitation codes that can still be used.</summary>
    public static async Task<Ok<List<Invitations.OpenCode>>> Open(ClaimsPrincipal user, Invitations invitations, CancellationToken ct) =>
        TypedResults.Ok(await invitations.OpenOfAsync(user.MemberId(), ct));

    /// <summary>Kills one of her open codes: 204; someone else's, a used or unknown code: 404, alike.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(string code, ClaimsPrincipal user, Invitations invitations, CancellationToken ct) =>
        code.Length <= 64 && await invitations.CancelAsync(user.MemberId(), code, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "No such open invitation of yours.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A relative link: the server does not know the name phones reach it by.</summary>
    public static string JoinLink(string code) => "/join?code=" + Uri.EscapeDataString(code);
}
