using System.Security.Claims;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalkan.Sessions;

public static class SessionEndpoints
{
    public sealed record SignInRequest(string? Handle, string? Passphrase);
    public sealed record SignInResponse(string Token, string Role);

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Sessions");
        session.MapPost("/", Create).AllowAnonymous().RequireRateLimiting(SessionServices.SignInLimit);
        session.MapDelete("/", End).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<SignInResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SignInRequest request, SignIn signIn, SessionStore sessions, CancellationToken ct)
    {
        var errors = new Validation()
            .Required("handle", request.Handle, 64)
            .Required("passphrase", request.Passphrase, 256);
        if (errors.Any) return errors.Problem();
        var member = await signIn.CheckAsync(request.Handle!, request.Passphrase!, ct);
        if (member is null)
            return TypedResults.Problem(title: "Wrong handle or passphrase.", statusCode: StatusCodes.Status401Unauthorized);
        var token = await sessions.CreateAsync(member.Id, ct);
        return TypedResults.Ok(new SignInResponse(token, member.Role));
    }

    public static async Task<NoContent> End(ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        await sessions.EndAsync(user.SessionId(), ct);
        return TypedResults.NoContent();
    }
}
