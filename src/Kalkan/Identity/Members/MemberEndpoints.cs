using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>The defenders' view of the network over HTTP: each handler maps what <see cref="MemberDirectory"/> decided.</summary>
public static class MemberEndpoints
{
    public sealed record RevokeRequest(bool? Branch);

    public static IEndpointRouteBuilder MapMemberDirectory(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members").WithTags("Members").RequireAuthorization(Roles.Defender);
        members.MapGet("/", List);
        members.MapPost("/{id:guid}/revoke", Revoke);
        return app;
    }

    public static async Task<Ok<List<MemberView>>> List(MemberDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.ListAsync(ct));

    public static async Task<Results<Ok<RevokeResponse>, ValidationProblem, ProblemHttpResult>> Revoke(
        Guid id, RevokeRequest? request, ClaimsPrincipal user, MemberDirectory directory, CancellationToken ct) =>
        (await directory.RevokeAsync(id, request?.Branch == true, user.MemberId(), user.IsInRole(Roles.Admin), ct)).OkOr();
}
