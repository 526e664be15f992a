using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>Invitations (defenders and admins) and joining with a code (anyone holding one); inviting and joining map what <see cref="InviteDesk"/> decided.</summary>
public static class InviteEndpoints
{
    public sealed record InviteRequest(string? Role);
    public sealed record JoinRequest(string? Code, string? Handle, string? Passphrase);

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
        InviteRequest request, ClaimsPrincipal user, InviteDesk desk, CancellationToken ct) =>
        (await desk.InviteAsync(user.MemberId(), user.IsInRole(Roles.Admin), request.Role, ct)).CreatedOr();

    public static async Task<Results<Created<JoinResponse>, ValidationProblem, ProblemHttpResult>> Join(JoinRequest request, InviteDesk desk, CancellationToken ct) =>
        (await desk.JoinAsync(request.Code, request.Handle, request.Passphrase, ct)).CreatedOr();

    /// <summary>Her invitation codes that can still be used.</summary>
    public static async Task<Ok<List<Invitations.OpenCode>>> Open(ClaimsPrincipal user, Invitations invitations, CancellationToken ct) =>
        TypedResults.Ok(await invitations.OpenOfAsync(user.MemberId(), ct));

    /// <summary>Kills one of her open codes: 204; someone else's, a used or unknown code: 404, alike.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(string code, ClaimsPrincipal user, Invitations invitations, CancellationToken ct) =>
        code.Length <= 64 && await invitations.CancelAsync(user.MemberId(), code, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "No such open invitation of yours.", statusCode: StatusCodes.Status404NotFound);
}
