using Kalkan.Identity.Sessions;

namespace Kalkan.Circles;

/// <summary>Her circle over HTTP: each handler maps what <see cref="CircleBook"/> decided.</summary>
public static class CircleEndpoints
{
    public sealed record InviteRequest(string? Handle);

    public static RouteGroupBuilder MapCircle(this RouteGroupBuilder api)
    {
        api.MapGet("/circle", Show);
        api.MapPost("/circle/members", Invite);
        api.MapPost("/circle/invitations/{id:guid}/accept", Accept);
        api.MapDelete("/circle/members/{id:guid}", Leave);
        return api;
    }

    public static async Task<Ok<CircleView>> Show(ClaimsPrincipal user, CircleBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.ShowAsync(user.MemberId(), ct));

    public static async Task<Results<Created<IdResponse>, ValidationProblem, ProblemHttpResult>> Invite(InviteRequest request, ClaimsPrincipal user,
        CircleBook book, CancellationToken ct)
        => (await book.InviteAsync(user.MemberId(), request.Handle, ct)).CreatedAt(created => $"/api/v1/circle/members/{created.Id}");

    public static async Task<Results<Ok<IdResponse>, ProblemHttpResult>> Accept(Guid id, ClaimsPrincipal user, CircleBook book, CancellationToken ct) =>
        (await book.AcceptAsync(user.MemberId(), id, ct)).OkOrRefusal();

    public static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, ClaimsPrincipal user, CircleBook book, CancellationToken ct) =>
        (await book.LeaveAsync(user.MemberId(), id, ct)).NoContentOrRefusal();
}
